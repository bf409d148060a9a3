package io.genrestream.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** Docker mode: an Apache Kafka (KRaft) container and a Confluent Schema Registry container on one network. */
final class DockerModeStack implements RunningStack {

    /** System property overriding the Kafka image. */
    static final String KAFKA_IMAGE_PROPERTY = "genre.stack.kafka.image";
    static final String DEFAULT_KAFKA_IMAGE = "apache/kafka:4.1.0";
    /** System property overriding the schema registry image. */
    static final String REGISTRY_IMAGE_PROPERTY = "genre.stack.registry.image";
    static final String DEFAULT_REGISTRY_IMAGE = "confluentinc/cp-schema-registry:7.9.0";

    private static final String KAFKA_ALIAS = "kafka";
    /** Listener the registry container uses inside the network (the host uses the mapped one). */
    private static final int KAFKA_NETWORK_PORT = 19092;
    private static final int REGISTRY_PORT = 8081;

    private final Network network;
    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;
    private final StackEndpoints endpoints;

    private DockerModeStack(Network network, KafkaContainer kafka, GenericContainer<?> registry) {
        this.network = network;
        this.kafka = kafka;
        this.registry = registry;
        this.endpoints = new StackEndpoints(kafka.getBootstrapServers(),
                "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT), StackEndpoints.Mode.DOCKER);
    }

    static DockerModeStack start() {
        Network network = Network.newNetwork();
        String kafkaListener = KAFKA_ALIAS + ":" + KAFKA_NETWORK_PORT;
        KafkaContainer kafka = new KafkaContainer(
                DockerImageName.parse(System.getProperty(KAFKA_IMAGE_PROPERTY, DEFAULT_KAFKA_IMAGE)))
                .withNetwork(network)
                .withNetworkAliases(KAFKA_ALIAS)
                .withListener(kafkaListener);
        GenericContainer<?> registry = new GenericContainer<>(
                DockerImageName.parse(System.getProperty(REGISTRY_IMAGE_PROPERTY, DEFAULT_REGISTRY_IMAGE)))
                .withNetwork(network)
                .withExposedPorts(REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + kafkaListener)
                .dependsOn(kafka)
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
        try {
            kafka.start();
            registry.start();
            return new DockerModeStack(network, kafka, registry);
        } catch (RuntimeException e) {
            registry.stop();
            kafka.stop();
            network.close();
            throw e;
        }
    }

    @Override
    public StackEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        registry.stop();
        kafka.stop();
        network.close();
    }
}
