package io.sensequant.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reward section binds from conf/pipeline.yaml, accepts overrides, and rejects out-of-range knobs. */
class RewardConfigTest {
    final ConfigLoader loader = new ConfigLoader(ConfDir.of(Path.of("..", "conf")));

    @Test
    void defaultsAndOverrides() {
        PipelineConfig.Reward reward = loader.load(ConfigRequest.defaults()).typed().reward();
        assertTrue(reward.enabled());
        assertEquals(PipelineConfig.Reward.LINEAR, reward.weighting());
        assertTrue(reward.clipMin() < 0 && reward.clipMax() > 0);
        PipelineConfig.Reward overridden = loader.load(ConfigLoaderTest.sets("reward.weighting=exponential",
                "reward.gamma=1.0", "reward.batches=2", "reward.enabled=false")).typed().reward();
        assertEquals("exponential", overridden.weighting());
        assertEquals(2, overridden.batches());
        assertEquals(false, overridden.enabled());
    }

    @Test
    void outOfRangeKnobsAreNamed() {
        for (String[] bad : new String[][]{{"reward.weighting=cubic", "reward.weighting"}, {"reward.gamma=0.0", "reward.gamma"},
                {"reward.gamma=1.5", "reward.gamma"}, {"reward.batches=0", "reward.batches"},
                {"reward.clip_min=0.05", "reward.clip_min"}, {"reward.scale=-1.0", "reward.scale"},
                {"reward.min_weight=0.0", "reward.min_weight"}}) {
            ConfigException e = assertThrows(ConfigException.class, () -> loader.load(ConfigLoaderTest.sets(bad[0])), bad[0]);
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
    }
}
