package io.sensequant.ranking;

import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the leakage guard's exclusions of one stage attempt to {@code leakage_exclusions}. */
final class Exclusions {
    private Exclusions() {
    }

    static long write(RunContext context, Stage stage, int attempt, Collection<LeakageGuard.Suspect> suspects,
                      Map<String, Long> inputs, Map<String, String> signatures) {
        List<Row> rows = suspects.stream().map(s -> RowFactory.create(context.runId(), stage.name(), attempt, s.feature(),
                s.target(), s.trigger(), s.singleFeatureScore(), s.spearman(), s.reason())).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attempt_id", attempt);
        details.put("excluded_features", suspects.stream().map(LeakageGuard.Suspect::feature).toList());
        details.put("reasons", suspects.stream().map(s -> s.feature() + ": " + s.reason() + " (" + s.trigger() + ")").toList());
        return context.commits().replace(context.spark().createDataFrame(rows, RankingTables.LEAKAGE_EXCLUSIONS),
                LakeTable.LEAKAGE_EXCLUSIONS, "run_id = '" + context.runId() + "' AND stage = '" + stage.name()
                        + "' AND attempt_id = " + attempt,
                context.snapshot(stage, LakeTable.LEAKAGE_EXCLUSIONS).view(io.sensequant.repro.Signatures.CROSS_SECTIONAL)
                        .attempt(attempt).signatures(signatures).inputs(inputs)
                        .rowCounts(Map.of(stage.name(), (long) rows.size())).details(details).build());
    }
}
