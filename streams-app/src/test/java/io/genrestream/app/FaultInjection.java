package io.genrestream.app;

import io.genrestream.app.scoring.SegmentModels;
import io.genrestream.app.topology.FaultInjectingModels;
import io.genrestream.features.FeatureExtractor;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Test-only: with {@value #FAULT_ABOVE_HZ} set, the app's models (the real bundle) are wrapped in
 * {@link FaultInjectingModels}, so an end-to-end test can make processing throw on a chosen input.
 */
@Singleton
@Requires(property = FaultInjection.FAULT_ABOVE_HZ)
class FaultInjection implements BeanCreatedEventListener<SegmentModels> {

    static final String FAULT_ABOVE_HZ = "genre.test.fault-above-centroid-hz";

    private final FeatureExtractor extractor;
    private final double faultAboveHz;

    FaultInjection(FeatureExtractor extractor, @Value("${" + FAULT_ABOVE_HZ + "}") double faultAboveHz) {
        this.extractor = extractor;
        this.faultAboveHz = faultAboveHz;
    }

    @Override
    public SegmentModels onCreated(BeanCreatedEvent<SegmentModels> event) {
        return new FaultInjectingModels(event.getBean(), extractor.config(), faultAboveHz);
    }
}
