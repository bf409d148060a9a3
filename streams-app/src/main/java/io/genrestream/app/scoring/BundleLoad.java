package io.genrestream.app.scoring;

import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.model.BundleManifest;
import io.genrestream.model.ModelBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * wait for the models in {@link #get()} when they first need them. Once loaded, the same thread runs one made-up
 * segment through the extractor and the models ({@link ScoringWarmUp}), so the first real segment after a start does
 * not pay for cold code.
 */
public final class BundleLoad implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BundleLoad.class);

    private final Path directory;
    private final BundleManifest manifest;
    private final FeatureExtractor extractor;
    private final CompletableFuture<ModelBundle> loading;
    private final CompletableFuture<Long> warmUp;

    private BundleLoad(Path directory, BundleManifest manifest, FeatureExtractor extractor,
                       CompletableFuture<ModelBundle> loading, CompletableFuture<Long> warmUp) {
        this.directory = directory;
        this.manifest = manifest;
        this.extractor = extractor;
        this.loading = loading;
        this.warmUp = warmUp;
    }

    /**
     * Reads and checks the manifest of {@code directory} against the running feature configuration, then starts
     * loading its models on thread {@code model-bundle-load}, and warming them up with the bundle's extractor once
     * loaded.
     *
     * @throws io.genrestream.model.BundleMismatchException when the bundle was trained on other features
     * @throws IOException when its manifest is missing or unreadable
     */
    public static BundleLoad start(Path directory, FeatureConfig expected) throws IOException {
        BundleManifest manifest = ModelBundle.readManifest(directory, expected);
        FeatureExtractor extractor = manifest.extractor();
        CompletableFuture<ModelBundle> loading = new CompletableFuture<>();
        CompletableFuture<Long> warmUp = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            ModelBundle bundle;
            try {
                bundle = ModelBundle.load(directory, manifest);
            } catch (IOException | RuntimeException | Error e) {
                // the warm-up first: whoever sees the load fail also sees that no warm-up will come
                warmUp.completeExceptionally(e);
                loading.completeExceptionally(e);
                return;
            }
            loading.complete(bundle);
            try {
                long millis = ScoringWarmUp.run(bundle, extractor);
                LOG.info("Warmed up the feature extractor and the models on one made-up segment in {} ms", millis);
                warmUp.complete(millis);
            } catch (RuntimeException | Error e) {
                // only a head start is lost: the first real segment goes the same way and fails on its own record
                LOG.warn("Warm-up of the models failed; the first segments will be slower", e);
                warmUp.completeExceptionally(e);
            }
        }, "model-bundle-load");
        loader.setDaemon(true);
        loader.start();
        return new BundleLoad(directory, manifest, extractor, loading, warmUp);
    }

    /** A bundle already loaded (no warm-up). */
    public static BundleLoad of(ModelBundle bundle) {
        return new BundleLoad(bundle.directory(), bundle.manifest(), bundle.manifest().extractor(),
                CompletableFuture.completedFuture(bundle), CompletableFuture.completedFuture(0L));
    }

    /** The bundle's checked manifest: labels, priors, vote weights, calibration, novelty check. */
    public BundleManifest manifest() {
        return manifest;
    }

    /** The extractor the bundle was trained with: its feature configuration and summary columns. */
    public FeatureExtractor extractor() {
        return extractor;
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

    /** The warm-up: its milliseconds once done, or its failure (which leaves {@link #get()} unaffected). */
    public CompletableFuture<Long> warmUp() {
        return warmUp.copy();
    }

    /** Closes the bundle once loaded and warmed up (a failed load has nothing to close). */
    @Override
    public void close() {
        warmUp.handle((millis, failure) -> millis).join();
        ModelBundle bundle = loading.handle((loaded, failure) -> loaded).join();
        if (bundle != null) {
            bundle.close();
        }
    }
}
