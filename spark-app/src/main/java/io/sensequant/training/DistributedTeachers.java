package io.sensequant.training;

import io.sensequant.features.FeatureColumns;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.market.TrainingWindow;
import io.sensequant.spark.LakeFiles;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Predef;
import scala.Tuple2;
import scala.collection.JavaConverters;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * {@code training.teacher.mode: distributed}: the driver walks the windows (symbols in name order) and fits
 * each trainable window with one XGBoost4J-Spark {@link XGBoostClassifier}, whose workers spread that
 * window's rows over the cluster; meant for windows too large for one task. The plan, split, skips, outcome
 * rows, predictions and model files are those of {@link TeacherWindows}; a window whose fit throws is
 * recorded as failed and the loop goes on.
 */
final class DistributedTeachers {
    private static final String VECTOR = "features";
    private static final String PROBABILITY = "probability";

    private DistributedTeachers() {
    }

    static Dataset<Row> train(Dataset<Row> features, TeacherSpec spec, Configuration hadoopConf, int workers) {
        SparkSession spark = features.sparkSession();
        int numWorkers = workers > 0 ? workers : spark.sparkContext().defaultParallelism();
        Dataset<Row> input = new VectorAssembler().setInputCols(spec.featureColumns().toArray(String[]::new))
                .setOutputCol(VECTOR).setHandleInvalid("keep")
                .transform(features.select(TeacherTraining.neededColumns(spec)))
                .select(col(OhlcvSchema.SYMBOL), col(OhlcvSchema.TS), col(FeatureColumns.DATE),
                        col(FeatureColumns.LABEL), col(VECTOR))
                .cache();
        try {
            // Each symbol's time line (ts, date, label): enough for the shared plan and split on the driver.
            Map<String, List<Row>> timelines = new LinkedHashMap<>();
            input.select(OhlcvSchema.SYMBOL, OhlcvSchema.TS, FeatureColumns.DATE, FeatureColumns.LABEL)
                    .orderBy(OhlcvSchema.SYMBOL, OhlcvSchema.TS).collectAsList()
                    .forEach(r -> timelines.computeIfAbsent(r.getString(0), s -> new ArrayList<>()).add(r));
            List<Row> outcomes = new ArrayList<>();
            timelines.forEach((symbol, timeline) -> {
                Dataset<Row> symbolRows = input.where(col(OhlcvSchema.SYMBOL).equalTo(symbol));
                for (TrainingWindow window : TeacherWindows.windows(spec, symbol)) {
                    long started = System.nanoTime();
                    List<Row> rows = timeline.stream()
                            .filter(r -> TeacherWindows.within(r.<Date>getAs(FeatureColumns.DATE).toLocalDate(), window)).toList();
                    TeacherWindows.Plan plan = TeacherWindows.plan(spec, window, rows.size());
                    if (plan.skipped()) {
                        outcomes.add(TeacherWindows.skipped(spec, plan, started));
                        continue;
                    }
                    try {
                        outcomes.add(fit(spec, hadoopConf, numWorkers, plan, symbolRows, rows, started));
                    } catch (Exception e) { // XGBoost and Spark failures arrive as undeclared checked exceptions too
                        outcomes.add(TeacherWindows.failed(spec, plan, e, started));
                    }
                }
            });
            return spark.createDataFrame(outcomes, TeacherRows.SCHEMA);
        } finally {
            input.unpersist();
        }
    }

    private static Row fit(TeacherSpec spec, Configuration hadoopConf, int numWorkers, TeacherWindows.Plan plan,
                           Dataset<Row> symbolRows, List<Row> rows, long started) throws Exception {
        List<Row> trainPart = rows.subList(0, plan.trainRows());
        List<Row> validationPart = rows.subList(plan.trainEnd(), rows.size());
        // spread the window over exactly num_workers partitions: XGBoost4J-Spark keeps a dataset that already has
        // that many, and a worker whose partition is empty cannot build its DMatrix
        Dataset<Row> train = between(symbolRows, trainPart).repartition(numWorkers);
        Dataset<Row> validation = between(symbolRows, validationPart);

        XgbParams params = XgbParams.of(spec.hyperparameters(), plan.seed(), spec.nthread());
        Map<String, Object> sparkParams = new HashMap<>(params.booster());
        sparkParams.put("seed", (long) plan.seed());
        sparkParams.put(XgbParams.NUM_ROUND, params.numRound());
        sparkParams.put("num_workers", numWorkers);
        // NaN marks a missing value, as in the native path; said explicitly so that XGBoost4J-Spark accepts the
        // sparse vectors VectorAssembler makes of rows with zeros (it refuses to guess what a sparse zero means)
        sparkParams.put("missing", Float.NaN);
        XGBoostClassifier classifier = new XGBoostClassifier(toScala(sparkParams));
        classifier.setFeaturesCol(VECTOR);
        classifier.setLabelCol(FeatureColumns.LABEL);
        XGBoostClassificationModel model = classifier.fit(train);

        TeacherWindows.Fitted fitted = new TeacherWindows.Fitted(probabilities(model, train, trainPart.size()),
                probabilities(model, validation, validationPart.size()), model.nativeBooster().toByteArray("json"));
        String modelPath = TeacherWindows.modelPath(spec, plan.window());
        String sha = LakeFiles.write(hadoopConf, modelPath, fitted.jsonModel());
        return TeacherWindows.success(spec, plan, fitted, trainPart.stream().mapToInt(TeacherWindows::label).toArray(),
                validationPart.stream().map(r -> r.<Timestamp>getAs(OhlcvSchema.TS)).toArray(Timestamp[]::new),
                validationPart.stream().mapToInt(TeacherWindows::label).toArray(), modelPath, sha, started);
    }

    /** The symbol's rows from the first to the last timestamp of {@code part} (timestamps are unique per symbol). */
    private static Dataset<Row> between(Dataset<Row> symbolRows, List<Row> part) {
        return symbolRows.where(col(OhlcvSchema.TS).between(lit(part.get(0).<Timestamp>getAs(OhlcvSchema.TS)),
                lit(part.get(part.size() - 1).<Timestamp>getAs(OhlcvSchema.TS))));
    }

    /** Class probabilities in time order, one row per input row. */
    private static float[][] probabilities(XGBoostClassificationModel model, Dataset<Row> rows, int expected) {
        List<Row> scored = model.transform(rows).select(col(OhlcvSchema.TS), vector_to_array(col(PROBABILITY), "float32"))
                .orderBy(OhlcvSchema.TS).collectAsList();
        if (scored.size() != expected) {
            throw new IllegalStateException("scored " + scored.size() + " rows, expected " + expected);
        }
        float[][] out = new float[scored.size()][];
        for (int i = 0; i < scored.size(); i++) {
            List<Float> p = scored.get(i).getList(1);
            out[i] = new float[p.size()];
            for (int j = 0; j < p.size(); j++) {
                out[i][j] = p.get(j);
            }
        }
        return out;
    }

    private static scala.collection.immutable.Map<String, Object> toScala(Map<String, Object> params) {
        return JavaConverters.mapAsScalaMapConverter(params).asScala().toMap(Predef.<Tuple2<String, Object>>$conforms());
    }
}
