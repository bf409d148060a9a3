package io.genrestream.testing;

import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Starts a Kafka broker and a schema registry once per test JVM and mode, and injects their
 * {@link StackEndpoints}. Use it through {@link WithKafkaStack}.
 *
 * <p>The mode comes from {@link WithKafkaStack#mode()}, by default from system property
 * {@value StackModeSetting#PROPERTY}: {@code auto} (Docker when a Docker engine answers, else local),
 * {@code docker} or {@code local}. Stacks live in the root extension context store and are closed when all
 * tests of the JVM are done. A stack that failed to start is not retried: later classes fail at once with the
 * same error.
 */
public final class KafkaStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStackExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaStackExtension.class);

    /** Starts (or reuses) the stack before the class's tests, so its start-up is not charged to one test. */
    @Override
    public void beforeAll(ExtensionContext context) {
        endpoints(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == StackEndpoints.class;
    }

    @Override
    public StackEndpoints resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return endpoints(extensionContext);
    }

    /** The endpoints of the stack for the mode {@code context}'s test class asks for, starting it if needed. */
    static StackEndpoints endpoints(ExtensionContext context) {
        StackEndpoints.Mode mode = mode(requestedSetting(context));
        StackStart start = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(mode, KafkaStackExtension::startStack, StackStart.class);
        return start.endpoints();
    }

    /** The mode of the nearest {@link WithKafkaStack} of the test class or its enclosing (nested) classes. */
    private static StackModeSetting requestedSetting(ExtensionContext context) {
        StackModeSetting setting = StackModeSetting.CONFIGURED;
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<WithKafkaStack> annotation = c.get().getTestClass()
                    .flatMap(testClass -> AnnotationSupport.findAnnotation(testClass, WithKafkaStack.class));
            if (annotation.isPresent()) {
                setting = annotation.get().mode();
                break;
            }
        }
        try {
            return setting.effective();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    private static StackEndpoints.Mode mode(StackModeSetting setting) {
        return switch (setting) {
            case DOCKER -> StackEndpoints.Mode.DOCKER;
            case LOCAL -> StackEndpoints.Mode.LOCAL;
            case AUTO -> DockerClientFactory.instance().isDockerAvailable()
                    ? StackEndpoints.Mode.DOCKER : StackEndpoints.Mode.LOCAL;
            case CONFIGURED -> throw new IllegalStateException("CONFIGURED is resolved by effective()");
        };
    }

    private static StackStart startStack(StackEndpoints.Mode mode) {
        LOG.info("Starting the {} Kafka stack for this test JVM (choose with -D{}=auto|docker|local)",
                mode.name().toLowerCase(Locale.ROOT), StackModeSetting.PROPERTY);
        try {
            RunningStack stack = mode == StackEndpoints.Mode.DOCKER ? DockerModeStack.start() : LocalModeStack.start();
            LOG.info("Kafka stack ready: {}", stack.endpoints());
            return new StackStart(stack, null);
        } catch (RuntimeException e) {
            return new StackStart(null, e);
        }
    }

    /** The outcome of starting one stack, kept in the root store (which closes it at the end). */
    private record StackStart(RunningStack stack, RuntimeException failure) implements AutoCloseable {

        StackEndpoints endpoints() {
            if (failure != null) {
                throw new ExtensionConfigurationException("The Kafka stack for this test JVM did not start: "
                        + failure.getMessage(), failure);
            }
            return stack.endpoints();
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.close();
            }
        }
    }
}
