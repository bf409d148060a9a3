package io.genrestream.app.scoring;

import io.genrestream.features.FeatureConfig;
import io.genrestream.model.BundleManifest;
import io.genrestream.model.ModelBundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A model bundle loading on a thread of its own. Starting PyTorch (its native libraries) and reading the models take
 * about 0.5 s, which the app spends checking its topics and starting Kafka Streams instead of before them: a restart
 * resumes scoring that much sooner (docs/benchmarks.md, "Failover (issue 17)"). The manifest is read and checked
 * against the running extractor at once, so a bundle of other features is refused as before; the stream threads
 * wait for the models in {@link #get()} when they first need them.
 */
public final class BundleLoad implements AutoCloseable {

    private final Path directory;
    private final BundleManifest manifest;
    private final CompletableFuture<ModelBundle> loading;

    private BundleLoad(Path directory, BundleManifest manifest, CompletableFuture<ModelBundle> loading) {
        this.directory = directory;
        this.manifest = manifest;
        this.loading = loading;
    }

    /**
     * Reads and checks the manifest of {@code directory}, then starts loading its models on thread
     * {@code model-bundle-load}.
     *
     * @throws io.genrestream.model.BundleMismatchException when the bundle was trained on other features
     * @throws IOException when its manifest is missing or unreadable
     */
    public static BundleLoad start(Path directory, FeatureConfig features) throws IOException {
        BundleManifest manifest = ModelBundle.readManifest(directory, features);
        CompletableFuture<ModelBundle> loading = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                loading.complete(ModelBundle.load(directory, features));
            } catch (IOException | RuntimeException | Error e) {
                loading.completeExceptionally(e);
            }
        }, "model-bundle-load");
        loader.setDaemon(true);
        loader.start();
        return new BundleLoad(directory, manifest, loading);
    }

    /** A bundle already loaded. */
    public static BundleLoad of(ModelBundle bundle) {
        return new BundleLoad(bundle.directory(), bundle.manifest(), CompletableFuture.completedFuture(bundle));
    }

    /** The bundle's checked manifest: labels, priors, vote weights, calibration, novelty check. */
    public BundleManifest manifest() {
        return manifest;
    }

    /**
     * The loaded bundle, waiting for it if need be.
     *
     * @throws UncheckedIOException when a model file could not be read
     * @throws IllegalStateException when the models could not be loaded for another reason
     */
    public ModelBundle get() {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException("model bundle " + directory + " could not be loaded: "
                        + io.getMessage(), io);
            }
            throw new IllegalStateException("model bundle " + directory + " could not be loaded: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Closes the bundle once loaded (a failed load has nothing to close). */
    @Override
    public void close() {
        ModelBundle bundle = loading.handle((loaded, failure) -> loaded).join();
        if (bundle != null) {
            bundle.close();
        }
    }
}
