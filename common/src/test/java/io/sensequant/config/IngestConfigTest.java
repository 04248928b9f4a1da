package io.sensequant.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ingest.guardrails and ingest.synthetic.signal keys: defaults, the known-answer profile, and bad values named. */
class IngestConfigTest {
    final ConfigLoader loader = new ConfigLoader(ConfDir.locate());

    PipelineConfig load(String profile, String... sets) {
        return loader.load(new ConfigRequest(List.of(), profile, null, Map.of(), List.of(), List.of(sets))).typed();
    }

    @Test
    void theSignalIsOffByDefaultAndOnInTheKnownAnswerProfile() {
        assertFalse(load(null).ingest().synthetic().signal().on());
        PipelineConfig.Signal planted = load("known_answer").ingest().synthetic().signal();
        assertTrue(planted.on());
        assertEquals(PipelineConfig.Signal.MEAN_REVERSION, planted.kind());
    }

    @Test
    void badValuesNameTheirKey() {
        for (String[] bad : new String[][] {
                {"ingest.synthetic.signal.kind=momentum", "ingest.synthetic.signal.kind"},
                {"ingest.synthetic.signal.strength=1.5", "ingest.synthetic.signal.strength"},
                {"ingest.synthetic.signal.lookback_sessions=0", "ingest.synthetic.signal.lookback_sessions"},
                {"ingest.guardrails.shared_min_symbols=1", "ingest.guardrails.shared_min_symbols"},
                {"ingest.guardrails.jump_reversal_fraction=1.5", "ingest.guardrails.jump_reversal_fraction"},
                {"ingest.guardrails.shared_move_volatility_multiple=20", "shared_move_volatility_multiple"}}) {
            ConfigException e = assertThrows(ConfigException.class, () -> load(null, bad[0]), bad[0]);
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
    }
}
