package io.genrestream.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a real Kafka broker and schema registry: declare a {@link StackEndpoints} parameter in a
 * test, lifecycle method or constructor. One stack per mode serves every class of the test JVM.
 *
 * <pre>{@code
 * @WithKafkaStack
 * class ProducerIT {
 *     @Test
 *     void sends(StackEndpoints stack) { ... stack.bootstrapServers() ... stack.schemaRegistryUrl() ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaStackExtension.class)
public @interface WithKafkaStack {

    /** The mode; by default the one system property {@value StackModeSetting#PROPERTY} chooses. */
    StackModeSetting mode() default StackModeSetting.CONFIGURED;
}
