package io.sensequant.ranking;

import io.sensequant.ingest.OhlcvSchema;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SYMBOL_SPECIFIC view: rows grouped by symbol, and each symbol's candidates scored inside one Spark task
 * (as the teachers train), so symbols are scored in parallel. One row per symbol × candidate
 * ({@link RankingTables#SYMBOL_SCORES}).
 */
final class SymbolRanking {
    private SymbolRanking() {
    }

    static Dataset<Row> score(Dataset<Row> rows, RankSpec spec) {
        MapFunction<Row, String> bySymbol = row -> row.getAs(OhlcvSchema.SYMBOL);
        FlatMapGroupsFunction<String, Row, Row> scoreSymbol = (symbol, group) -> {
            List<Row> all = new ArrayList<>();
            group.forEachRemaining(all::add);
            return scoreSymbol(symbol, all, spec).iterator();
        };
        return rows.groupByKey(bySymbol, Encoders.STRING()).flatMapGroups(scoreSymbol, Encoders.row(RankingTables.SYMBOL_SCORES));
    }

    static List<Row> scoreSymbol(String symbol, List<Row> rows, RankSpec spec) {
        List<Row> recent = new ArrayList<>(rows);
        recent.sort(Comparator.comparing(r -> r.<Timestamp>getAs(OhlcvSchema.TS)));
        if (spec.maxRowsPerSymbol() > 0 && recent.size() > spec.maxRowsPerSymbol()) {
            recent = recent.subList(recent.size() - spec.maxRowsPerSymbol(), recent.size());
        }
        List<String> targets = spec.candidates().stream()
                .flatMap(c -> Stream.of(c.column(), c.returnColumn())).distinct().toList();
        Design design = Design.of(recent, spec.features(), targets);
        int[] columns = CandidateScorer.columns(design, spec.features());
        List<Row> out = new ArrayList<>();
        for (TargetCandidate candidate : spec.candidates()) {
            List<FoldScore> folds = CandidateScorer.score(design, columns, candidate, spec, "symbol/" + symbol);
            double[] scores = folds.stream().mapToDouble(FoldScore::score).toArray();
            double[] raws = folds.stream().mapToDouble(FoldScore::raw).toArray();
            double maxTrain = folds.stream().mapToDouble(FoldScore::trainAccuracy).filter(Double::isFinite).max().orElse(Double.NaN);
            out.add(RowFactory.create(symbol, candidate.column(), folds.size(), RankingTables.orNull(Scores.mean(scores)),
                    RankingTables.orNull(Scores.mean(raws)), RankingTables.orNull(maxTrain), (long) design.rows));
        }
        return out;
    }
}
