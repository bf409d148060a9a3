package io.genrestream.testing;

/** A started broker + registry pair that the extension closes when the test JVM's tests are done. */
interface RunningStack extends AutoCloseable {

    StackEndpoints endpoints();

    @Override
    void close();
}
