package io.genrestream.app.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * Netty refuses a request whose request line or headers exceed {@code micronaut.server.netty.max-initial-line-length}
 * / {@code max-header-size}, and Micronaut answers every such refusal 413 (Content Too Large). In HTTP's terms an
 * over-long URI is 414 (URI Too Long, RFC 9110) and over-large headers are 431 (RFC 6585): this global error route
 * tells them apart by Netty's decoder failure and keeps 413 for everything else.
 */
@Controller
@Hidden
public class OversizedRequests {

    @Error(status = HttpStatus.REQUEST_ENTITY_TOO_LARGE, global = true)
    public HttpResponse<String> tooLarge(HttpRequest<?> request) {
        Throwable cause = request instanceof NettyHttpRequest<?> netty
                ? netty.getNativeRequest().decoderResult().cause() : null;
        HttpStatus status;
        String message;
        if (cause instanceof TooLongHttpLineException) {
            status = HttpStatus.REQUEST_URI_TOO_LONG;
            message = "the request line (method and URI) is too long: " + cause.getMessage();
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            message = "the request headers are too large: " + cause.getMessage();
        } else {
            status = HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            message = "the request is too large";
        }
        return HttpResponse.<String>status(status).contentType(MediaType.TEXT_PLAIN_TYPE).body(message);
    }
}
