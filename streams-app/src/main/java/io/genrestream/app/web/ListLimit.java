package io.genrestream.app.web;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** The {@code limit} query parameter of the list endpoints, checked the same way by each. */
final class ListLimit {

    private ListLimit() {
    }

    /**
     * {@code limit} itself when between 1 and {@code max}.
     *
     * @throws HttpStatusException 400 with the allowed range otherwise
     */
    static int check(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST,
                    "limit must be between 1 and " + max + ", got " + limit);
        }
        return limit;
    }
}
