package io.genrestream.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.genrestream.features.FeatureConfig;
import io.genrestream.vote.EnsembleVoter;
import io.genrestream.vote.VerdictRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained model bundle: one directory that holds everything the app needs to score exactly as the trainer
 * evaluated.
 *
 * <pre>
 * bundle.json            {@link BundleManifest}: format version, labels, FeatureConfig, summary columns, per model
 *                        its architecture and normalisation, class priors, vote weights, metrics, training data
 * gru-0000.params        GRU parameters (DJL Model.save format), or gru.pt (TorchScript)
 * summary-0000.params    summary MLP parameters, or summary.pt
 * model-card.md          human-readable description
 * </pre>
 *
 * The bundle's {@link #version()} is a SHA-256 over bundle.json, the model files (GRU, then summary) and
 * model-card.md, in that order, each preceded by its name. Loading refuses a bundle whose feature configuration
 * differs from the running extractor's ({@link BundleMismatchException}).
 *
 * <p>Models run on DJL's PyTorch engine on the engine's default device (a GPU when one is visible, else the CPU)
 * unless a device is given. The bundle is thread-safe; its {@link BatchScorer}s are not (one per thread).
 */
public final class ModelBundle implements AutoCloseable {

    /** Manifest file name. */
    public static final String MANIFEST = "bundle.json";
    /** Model card file name. */
    public static final String MODEL_CARD = "model-card.md";
    /** DJL engine every model runs on. */
    public static final String ENGINE = "PyTorch";

    private static final Logger LOG = LoggerFactory.getLogger(ModelBundle.class);
    // maps by key: the manifest's maps (Map.copyOf) iterate in an order that changes from one JVM to the next, and
    // the same training must give the same bundle.json and so the same content hash (version)
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path directory;
    private final BundleManifest manifest;
    private final String version;
    private final Device device;
    private final Map<ModelRole, Model> models;

    private ModelBundle(Path directory, BundleManifest manifest, String version, Device device,
                        Map<ModelRole, Model> models) {
        this.directory = directory;
        this.manifest = manifest;
        this.version = version;
        this.device = device;
        this.models = models;
    }

    /** Jackson mapper configured for bundle JSON (records, indented). */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Loads a bundle on the PyTorch engine's default device. */
    public static ModelBundle load(Path directory, FeatureConfig expected) throws IOException {
        return load(directory, expected, Engine.getEngine(ENGINE).defaultDevice());
    }

    /**
     * Loads a bundle.
     *
     * @param directory bundle directory
     * @param expected  the running feature extractor's configuration
     * @param device    device to run the models on
     * @throws BundleMismatchException when the bundle was trained on another feature configuration
     * @throws IOException             when a file is missing or unreadable
     */
    public static ModelBundle load(Path directory, FeatureConfig expected, Device device) throws IOException {
        return load(directory, readManifest(directory, expected), device);
    }

    /**
     * Loads a bundle whose manifest the caller has already read and checked with
     * {@link #readManifest(Path, FeatureConfig)}, on the PyTorch engine's default device.
     *
     * @throws IOException when a model file is missing or unreadable
     */
    public static ModelBundle load(Path directory, BundleManifest manifest) throws IOException {
        return load(directory, manifest, Engine.getEngine(ENGINE).defaultDevice());
    }

    private static ModelBundle load(Path directory, BundleManifest manifest, Device device) throws IOException {
        String version = contentHash(directory, manifest);
        Map<ModelRole, Model> models = new EnumMap<>(ModelRole.class);
        try {
            for (ModelRole role : ModelRole.values()) {
                BundledModel bundled = manifest.model(role);
                if (bundled != null) {
                    models.put(role, loadModel(directory, role, bundled, device));
                }
            }
        } catch (IOException | RuntimeException e) {
            models.values().forEach(Model::close);
            throw e;
        }
        LOG.info("Loaded model bundle {} (version {}) with models {} for labels {} on device {}", directory,
                version.substring(0, 12), models.keySet(), manifest.labels(), device);
        return new ModelBundle(directory, manifest, version, device, models);
    }

    /** Reads and validates {@code bundle.json}. */
    public static BundleManifest readManifest(Path directory) throws IOException {
        Path file = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a model bundle: " + MANIFEST + " missing");
        }
        try {
            return JSON.readValue(file.toFile(), BundleManifest.class);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code bundle.json} and checks it against the running extractor's feature configuration, without loading
     * any model.
     *
     * @throws BundleMismatchException when the bundle was trained on another feature configuration
     */
    public static BundleManifest readManifest(Path directory, FeatureConfig expected) throws IOException {
        Objects.requireNonNull(expected, "expected feature configuration");
        BundleManifest manifest = readManifest(directory);
        checkFeatures(directory, manifest.featureConfig(), expected);
        return manifest;
    }

    private static void checkFeatures(Path directory, FeatureConfig bundled, FeatureConfig expected) {
        List<String> differing = new ArrayList<>();
        StringBuilder details = new StringBuilder();
        for (RecordComponent c : FeatureConfig.class.getRecordComponents()) {
            Object a = value(c, bundled);
            Object b = value(c, expected);
            if (!Objects.equals(a, b)) {
                differing.add(c.getName());
                details.append("\n  ").append(c.getName()).append(": bundle ").append(a).append(", extractor ")
                        .append(b);
            }
        }
        if (!differing.isEmpty()) {
            throw new BundleMismatchException("model bundle " + directory + " was trained on another feature "
                    + "configuration than the running extractor's; differing fields " + differing + ":" + details,
                    differing);
        }
    }

    private static Object value(RecordComponent c, FeatureConfig config) {
        try {
            return c.getAccessor().invoke(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read FeatureConfig." + c.getName(), e);
        }
    }

    private static Model loadModel(Path directory, ModelRole role, BundledModel bundled, Device device)
            throws IOException {
        ModelArchitecture arch = bundled.architecture();
        String expectedFile = arch.fileName(role);
        if (!expectedFile.equals(bundled.file())) {
            throw new IOException("bundle lists " + bundled.file() + " for the " + role + " model; a "
                    + arch.type() + " model's file must be " + expectedFile);
        }
        if (!Files.isRegularFile(directory.resolve(bundled.file()))) {
            throw new NoSuchFileException(directory.resolve(bundled.file()).toString(), null,
                    role + " model file missing from bundle");
        }
        Model model = Model.newInstance(role.fileBase(), device, ENGINE);
        try {
            switch (arch.type()) {
                case ModelArchitecture.RECURRENT -> model.setBlock(GenreBlocks.recurrent(arch.recurrent()));
                case ModelArchitecture.MLP -> model.setBlock(GenreBlocks.summaryMlp(arch.mlp()));
                default -> {
                    // TorchScript: PyTorch engine loads <role>.pt as a PtSymbolBlock
                }
            }
            model.load(directory, role.fileBase(), arch.isTorchScript() ? null : Map.of("epoch", 0));
            // DJL skips a parameter file without its header ("DJL@") and leaves the block untrained, silently
            if (!arch.isTorchScript() && !model.getBlock().isInitialized()) {
                throw new MalformedModelException(bundled.file() + " is not a DJL parameter file");
            }
            return model;
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new IOException("cannot load the " + role + " model " + bundled.file() + " of " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes a bundle. A model given as a file in {@code modelFiles} is copied as it is (a TorchScript {@code .pt},
     * or the {@code .params} of another bundle: DJL cannot re-save a model it loaded); otherwise its DJL model in
     * {@code djlModels} is saved with {@code Model.save} as {@code <role>-0000.params}. The manifest must list each
     * model with {@link ModelArchitecture#fileName}.
     *
     * @return the bundle's version (content hash)
     */
    public static String write(Path directory, BundleManifest manifest, Map<ModelRole, Model> djlModels,
                               Map<ModelRole, Path> modelFiles, String modelCard) throws IOException {
        Files.createDirectories(directory);
        for (ModelRole role : ModelRole.values()) {
            BundledModel bundled = manifest.model(role);
            if (bundled == null) {
                continue;
            }
            String expectedFile = bundled.architecture().fileName(role);
            if (!expectedFile.equals(bundled.file())) {
                throw new IllegalArgumentException("the " + role + " model's file must be named " + expectedFile
                        + ", manifest says " + bundled.file());
            }
            Path source = modelFiles.get(role);
            if (source != null) {
                Files.copy(source, directory.resolve(bundled.file()), StandardCopyOption.REPLACE_EXISTING);
            } else if (bundled.architecture().isTorchScript()) {
                throw new IllegalArgumentException("no TorchScript file given for the " + role + " model");
            } else {
                Model model = djlModels.get(role);
                if (model == null) {
                    throw new IllegalArgumentException("no DJL model or file given for the " + role + " model");
                }
                model.setProperty("Epoch", "0");
                model.save(directory, role.fileBase());
            }
        }
        JSON.writeValue(directory.resolve(MANIFEST).toFile(), manifest);
        Files.writeString(directory.resolve(MODEL_CARD), modelCard, StandardCharsets.UTF_8);
        return contentHash(directory, manifest);
    }

    /** SHA-256 (hex) over the bundle's files in the fixed order described above. */
    public static String contentHash(Path directory) throws IOException {
        return contentHash(directory, readManifest(directory));
    }

    private static String contentHash(Path directory, BundleManifest manifest) throws IOException {
        List<String> files = new ArrayList<>();
        files.add(MANIFEST);
        for (ModelRole role : ModelRole.values()) {
            if (manifest.model(role) != null) {
                files.add(manifest.model(role).file());
            }
        }
        if (Files.exists(directory.resolve(MODEL_CARD))) {
            files.add(MODEL_CARD);
        }
        MessageDigest digest = sha256();
        for (String name : files) {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            try (InputStream in = new DigestInputStream(Files.newInputStream(directory.resolve(name)), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** A scorer for one model; one per thread, close it when done. */
    public BatchScorer newScorer(ModelRole role) {
        Model model = models.get(role);
        if (model == null) {
            throw new IllegalArgumentException("bundle " + directory + " has no " + role + " model");
        }
        BundledModel bundled = manifest.model(role);
        Predictor<FloatBatch, float[][]> predictor = model.newPredictor(
                new SoftmaxTranslator(bundled.normalization(), manifest.labels().size()));
        return new BatchScorer(role, predictor, device);
    }

    /** Whether the bundle has a model for {@code role}. */
    public boolean has(ModelRole role) {
        return models.containsKey(role);
    }

    /** The segment voter with the bundle's vote weights and calibration. */
    public EnsembleVoter voter() {
        return manifest.voter();
    }

    /** The verdict rule with the bundle's labels, priors, unknown threshold and novelty check. */
    public VerdictRule verdictRule() {
        return verdictRule(manifest.calibration().unknownThreshold());
    }

    /**
     * The verdict rule with the bundle's labels, priors, track temperature and novelty check and another unknown
     * threshold.
     */
    public VerdictRule verdictRule(double unknownThreshold) {
        return new VerdictRule(manifest.labels(), manifest.classPriors(), unknownThreshold,
                manifest.calibration().trackTemperature(), manifest.calibration().trackMap(), manifest.novelty());
    }

    /** Genre labels in model output order. */
    public List<String> labels() {
        return manifest.labels();
    }

    /** The parsed bundle.json. */
    public BundleManifest manifest() {
        return manifest;
    }

    /** Content hash (SHA-256 hex): the bundle's version. */
    public String version() {
        return version;
    }

    /** Device the models run on. */
    public Device device() {
        return device;
    }

    /** Directory the bundle was loaded from. */
    public Path directory() {
        return directory;
    }

    /** The bundle's model card text. */
    public String modelCard() {
        try {
            Path card = directory.resolve(MODEL_CARD);
            return Files.exists(card) ? Files.readString(card, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        models.values().forEach(Model::close);
    }
}
