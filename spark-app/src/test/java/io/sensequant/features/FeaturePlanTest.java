package io.sensequant.features;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigException;
import io.sensequant.features.expr.Expr;
import io.sensequant.features.expr.ExpressionCompiler;
import io.sensequant.features.expr.Lookback;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Combining sets into a plan: names, references, lookbacks, signatures and model-input resolution. */
class FeaturePlanTest {
    static FeatureSet set(String name, String... nameThenExpression) {
        Map<String, String> definitions = new LinkedHashMap<>();
        for (int i = 0; i < nameThenExpression.length; i += 2) {
            definitions.put(nameThenExpression[i], nameThenExpression[i + 1]);
        }
        return new FeatureSet(name, "conf/features/" + name + ".yaml", "", definitions);
    }

    static FeaturePlan shipped(String... sets) {
        List<FeatureSet> loaded = new ArrayList<>();
        for (String s : sets) {
            loaded.add(FeatureSetFiles.load(ConfDir.locate(), s));
        }
        return FeaturePlan.of(loaded);
    }

    @Test
    void aFeatureDefinedByTwoSetsIsRejectedNamingBoth() {
        ConfigException e = assertThrows(ConfigException.class, () -> FeaturePlan.of(List.of(
                set("first", "a", "$close", "b", "$open"),
                set("second", "c", "$high", "b", "$low"))));
        assertEquals("conf/features/second.yaml: feature 'b' is already defined by set 'first'; "
                + "feature names must be unique across features.sets", e.getMessage());
    }

    @Test
    void reservedAndMalformedNamesAreRejected() {
        // Bar fields, keys, bookkeeping, and anything that could be mistaken for a label (case-insensitive).
        for (String name : List.of("close", "vwap", "sentiment", "symbol", "ts", "date", "bar_index", "warmup",
                "label", "label_x", "Label_3c", "fwd_return", "fwd_return_7d", "FWD_RETURNS")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> FeaturePlan.of(List.of(set("s", "ok", "$close", name, "$open"))), name);
            assertEquals("conf/features/s.yaml: feature name '" + name + "' is reserved for a bar, key or label column; "
                    + "rename it", e.getMessage());
        }
        ConfigException e = assertThrows(ConfigException.class, () -> FeaturePlan.of(List.of(set("s", "9lives", "$close"))));
        assertTrue(e.getMessage().startsWith("conf/features/s.yaml: feature name '9lives' must start with a letter"), e.getMessage());
        // Not reserved: names that merely contain a reserved word.
        assertEquals(List.of("close_to_open", "my_label"),
                FeaturePlan.of(List.of(set("s", "close_to_open", "$close / $open", "my_label", "$close"))).columns());
    }

    @Test
    void parseErrorsNameTheFeatureTheFileAndThePosition() {
        ConfigException missingComma = assertThrows(ConfigException.class,
                () -> FeaturePlan.of(List.of(set("s", "ok", "$close", "bad", "Mean($close 5)"))));
        assertTrue(missingComma.getMessage().startsWith(
                "feature 'bad' in conf/features/s.yaml at position 13: expected ')' after arguments of Mean"),
                missingComma.getMessage());
        ConfigException badWindow = assertThrows(ConfigException.class,
                () -> FeaturePlan.of(List.of(set("s", "w", "Std($close, $open)"))));
        assertTrue(badWindow.getMessage().startsWith("feature 'w' in conf/features/s.yaml at position 13: expected the window of Std"),
                badWindow.getMessage());
        ConfigException unknownFunction = assertThrows(ConfigException.class,
                () -> FeaturePlan.of(List.of(set("s", "f", "$close + Foo($open)"))));
        assertEquals("feature 'f' in conf/features/s.yaml at position 10: unknown function 'Foo'", unknownFunction.getMessage());
    }

    @Test
    void referencesExpandToTheEarlierFeaturesExpression() {
        FeaturePlan plan = shipped("seed15");
        Map<String, Expr> e = plan.expressions();
        assertEquals("(EMA($close, 12) - EMA($close, 26))", e.get("macd").canonical());
        assertEquals("EMA((EMA($close, 12) - EMA($close, 26)), 9)", e.get("macd_signal").canonical());
        assertEquals("((EMA($close, 12) - EMA($close, 26)) - EMA((EMA($close, 12) - EMA($close, 26)), 9))",
                e.get("macd_hist").canonical());
        // Across sets: scale_free reads seed15's features.
        FeaturePlan both = shipped("seed15", "scale_free");
        assertEquals("(($close / Mean($close, 20)) - 1)",
                both.expressions().get("close_to_sma_20").canonical());
        assertEquals("scale_free", both.setOf().get("atr_pct_14"));
        assertTrue(both.sourceOf("atr_pct_14").endsWith("features/scale_free.yaml"), both.sourceOf("atr_pct_14"));
    }

    @Test
    void aReferenceToAnUndefinedOrLaterNameStaysAFieldAndTheCompilerRejectsIt() {
        FeaturePlan plan = FeaturePlan.of(List.of(set("s",
                "early", "$later * 2", // defined below: not yet a feature when 'early' is read
                "later", "$close",
                "typo", "Mean($closing, 3)")));
        Expr early = plan.expressions().get("early");
        assertEquals("($later * 2)", early.canonical());
        assertInstanceOf(Expr.Field.class, ((Expr.Binary) early).left());
        assertEquals("Mean($closing, 3)", plan.expressions().get("typo").canonical());

        Dataset<Row> bars = FeatureFrames.bars(List.of());
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ExpressionCompiler().compileParsed(bars, plan.expressions(), plan::sourceOf));
        assertTrue(e.getMessage().startsWith("feature 'early' in conf/features/s.yaml at position 1: unknown field $later;"),
                e.getMessage());
        FeaturePlan typoOnly = FeaturePlan.of(List.of(set("s", "typo", "Mean($closing, 3)")));
        ConfigException t = assertThrows(ConfigException.class,
                () -> new ExpressionCompiler().compileParsed(bars, typoOnly.expressions(), typoOnly::sourceOf));
        assertTrue(t.getMessage().startsWith("feature 'typo' in conf/features/s.yaml at position 6: unknown field $closing;"),
                t.getMessage());
    }

    @Test
    void resolveExpandsSetsKeepsOrderAndDropsDuplicates() {
        FeaturePlan plan = shipped("seed15", "scale_free");
        List<String> resolved = plan.resolve(List.of("@seed15", "atr_pct_14", "rsi_14"), "training.feature_columns");
        List<String> expected = new ArrayList<>(plan.columnsOf("seed15"));
        expected.add("atr_pct_14");
        assertEquals(16, resolved.size());
        assertEquals(expected, resolved);
        assertEquals("ret_1d", resolved.get(0));
        assertEquals(List.of("atr_pct_14", "ret_1d"), plan.resolve(List.of("atr_pct_14", "ret_1d", "atr_pct_14"), "k"));

        ConfigException set = assertThrows(ConfigException.class, () -> plan.resolve(List.of("@alpha158"), "training.feature_columns"));
        assertEquals("training.feature_columns: '@alpha158' names no set of features.sets [seed15, scale_free]", set.getMessage());
        ConfigException feature = assertThrows(ConfigException.class, () -> plan.resolve(List.of("KMID"), "training.feature_columns"));
        assertEquals("training.feature_columns: 'KMID' is not produced by features.sets [seed15, scale_free]; "
                + "add its set or fix the name", feature.getMessage());
    }

    @Test
    void lookbackOfSeed15ByHand() {
        FeaturePlan plan = shipped("seed15", "scale_free");
        Map<String, Expr> e = plan.expressions();
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("ret_1d", 1);          // Ref($close, 1)
        expected.put("ret_5d", 5);          // Ref($close, 5)
        expected.put("sma_20", 19);         // 20 rows: 19 before the current one
        expected.put("sma_50", 49);
        expected.put("ema_12", 11);         // EMA span N is warm after N rows
        expected.put("ema_26", 25);
        expected.put("macd", 25);           // max(11, 25)
        expected.put("macd_signal", 33);    // EMA(EMA26 - EMA12, 9): 25 + 8
        expected.put("macd_hist", 33);
        expected.put("rsi_14", 14);         // Wilder EMA(.., 1/14): 13, over Ref($close, 1): + 1
        expected.put("bb_upper_20", 19);    // Var over 20 rows
        expected.put("bb_pctb_20", 19);
        expected.put("atr_14", 14);         // true range reads Ref($close, 1): 1 + 13
        expected.put("volume_z_20", 19);
        expected.put("close_to_sma_50", 49);
        expected.put("atr_pct_14", 14);
        expected.forEach((name, bars) -> assertEquals(bars, Lookback.of(e.get(name)), name));
        assertEquals(49, plan.lookbackBars());
        assertEquals(49, shipped("seed15").lookbackBars());
    }

    @Test
    void lookbackOfAlpha158ByHand() {
        FeaturePlan plan = shipped("alpha158");
        Map<String, Expr> e = plan.expressions();
        assertEquals(0, Lookback.of(e.get("KMID")));
        assertEquals(0, Lookback.of(e.get("VWAP0")));
        assertEquals(5, Lookback.of(e.get("ROC5")));     // Ref($close, 5)
        assertEquals(60, Lookback.of(e.get("ROC60")));
        assertEquals(4, Lookback.of(e.get("MA5")));      // 5 rows: 4 before the current one
        assertEquals(59, Lookback.of(e.get("MA60")));
        assertEquals(59, Lookback.of(e.get("CORR60")));  // Corr over 60 rows of plain fields
        assertEquals(60, Lookback.of(e.get("CORD60")));  // 59 + 1 for the Ref($close, 1) inside
        assertEquals(60, Lookback.of(e.get("CNTP60")));
        assertEquals(60, Lookback.of(e.get("SUMP60")));
        assertEquals(60, Lookback.of(e.get("WVMA60")));
        assertEquals(60, Lookback.of(e.get("VSUMD60")));
        assertEquals(20, Lookback.of(e.get("VSUMP20")));  // Sum over 20 rows of a Ref(.., 1) difference
        assertEquals(60, plan.lookbackBars());
        assertEquals(60, shipped("seed15", "scale_free", "alpha158").lookbackBars());
    }

    @Test
    void signatureFollowsDefinitionsNotLayout() {
        FeaturePlan base = FeaturePlan.of(List.of(set("s", "m", "Mean($close, 20) / $close", "r", "$close / Ref($close, 1) - 1")));
        FeaturePlan spaced = FeaturePlan.of(List.of(set("s", "m", "  Mean( $close ,20 )/$close ", "r", "$close/Ref($close,1)-1")));
        FeaturePlan folded = FeaturePlan.of(List.of(set("s", "m", "Mean($close, 2 * 10) / $close", "r", "($close / Ref($close, 1)) - 1")));
        FeaturePlan changed = FeaturePlan.of(List.of(set("s", "m", "Mean($close, 21) / $close", "r", "$close / Ref($close, 1) - 1")));
        FeaturePlan renamed = FeaturePlan.of(List.of(set("s", "m2", "Mean($close, 20) / $close", "r", "$close / Ref($close, 1) - 1")));
        FeaturePlan reordered = FeaturePlan.of(List.of(set("s", "r", "$close / Ref($close, 1) - 1", "m", "Mean($close, 20) / $close")));
        assertEquals(64, base.signature().length());
        assertEquals(base.signature(), spaced.signature());
        assertEquals(base.signature(), folded.signature());
        assertNotEquals(base.signature(), changed.signature());
        assertNotEquals(base.signature(), renamed.signature());
        assertNotEquals(base.signature(), reordered.signature());
        // Per-feature hashes: only the changed feature's hash moves.
        assertNotEquals(base.definitionHashes().get("m"), changed.definitionHashes().get("m"));
        assertEquals(base.definitionHashes().get("r"), changed.definitionHashes().get("r"));
        assertEquals(base.definitionHashes(), spaced.definitionHashes());

        // A referenced feature's change moves its dependants' hashes too (references are expanded).
        FeaturePlan ref = FeaturePlan.of(List.of(set("s", "a", "Mean($close, 5)", "b", "$a / $close")));
        FeaturePlan refChanged = FeaturePlan.of(List.of(set("s", "a", "Mean($close, 6)", "b", "$a / $close")));
        assertNotEquals(ref.definitionHashes().get("b"), refChanged.definitionHashes().get("b"));
    }

    @Test
    void theYamlLayoutOfASetDoesNotChangeTheSignature() {
        FeatureSet block = FeatureSetFiles.parse("s", "conf/features/s.yaml", """
                description: one
                features:
                  a: Mean($close, 5)
                  # a comment
                  b: $a / $close
                """);
        FeatureSet flow = FeatureSetFiles.parse("s", "conf/features/s.yaml",
                "description: another description\nfeatures: {a: 'Mean( $close,5 )', b: \"$a/$close\"}\n");
        assertEquals(FeaturePlan.of(List.of(block)).signature(), FeaturePlan.of(List.of(flow)).signature());
    }
}
