package io.genrestream.model;

/**
 * How to rebuild one bundled model.
 *
 * @param type      {@link #RECURRENT} or {@link #MLP} (a DJL block from {@link GenreBlocks} plus a {@code .params}
 *                  file) or {@link #TORCHSCRIPT} (a TorchScript {@code .pt} file run by DJL's PyTorch engine; it must
 *                  map the role's input batch to logits [batch, classes])
 * @param recurrent spec when {@code type} is {@link #RECURRENT}, else {@code null}
 * @param mlp       spec when {@code type} is {@link #MLP}, else {@code null}
 */
public record ModelArchitecture(String type, RecurrentSpec recurrent, MlpSpec mlp) {

    /** DJL recurrent block ({@link GenreBlocks#recurrent}). */
    public static final String RECURRENT = "recurrent";
    /** DJL MLP block ({@link GenreBlocks#summaryMlp}). */
    public static final String MLP = "mlp";
    /** Bring-your-own TorchScript model. */
    public static final String TORCHSCRIPT = "torchscript";

    public ModelArchitecture {
        boolean valid = switch (type == null ? "" : type) {
            case RECURRENT -> recurrent != null && mlp == null;
            case MLP -> mlp != null && recurrent == null;
            case TORCHSCRIPT -> recurrent == null && mlp == null;
            default -> false;
        };
        if (!valid) {
            throw new IllegalArgumentException("architecture type must be recurrent (with its spec), mlp (with its "
                    + "spec) or torchscript (no spec), got '" + type + "'");
        }
    }

    /** A DJL recurrent architecture. */
    public static ModelArchitecture of(RecurrentSpec spec) {
        return new ModelArchitecture(RECURRENT, spec, null);
    }

    /** A DJL MLP architecture. */
    public static ModelArchitecture of(MlpSpec spec) {
        return new ModelArchitecture(MLP, null, spec);
    }

    /** A TorchScript architecture. */
    public static ModelArchitecture torchscript() {
        return new ModelArchitecture(TORCHSCRIPT, null, null);
    }

    /** Whether this model is loaded from TorchScript. */
    public boolean isTorchScript() {
        return TORCHSCRIPT.equals(type);
    }

    /**
     * File name of the model's parameters/program in the bundle for {@code role}: {@code <role>.pt} for TorchScript,
     * else {@code <role>-0000.params}, the name DJL's {@code Model.save} gives epoch 0 and {@code Model.load} reads.
     */
    public String fileName(ModelRole role) {
        return role.fileBase() + (isTorchScript() ? ".pt" : "-0000.params");
    }
}
