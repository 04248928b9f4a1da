package io.sensequant.training;

import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Predef;
import scala.Tuple2;
import scala.collection.JavaConverters;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CROSS_SECTIONAL student: one XGBoost4J-Spark classifier over every symbol's rows. Hyperparameters come from conf/models/ under XGBoost's own names; workers, threads and the
 * seed come from the training config and the run's derived seed.
 */
public final class StudentModel {
    public static final String LABEL = "teacher_label";
    public static final String WEIGHT = "teacher_confidence";
    public static final String FEATURES = "features";

    private StudentModel() {
    }

    public static XGBoostClassificationModel fit(Dataset<Row> training, List<String> featureColumns,
                                                 Map<String, Object> hyperparameters, int seed, int numWorkers, int nthread) {
        return fit(training, featureColumns, hyperparameters, seed, numWorkers, nthread, WEIGHT);
    }

    /** As {@link #fit(Dataset, List, Map, int, int, int)}, with the sample weights in {@code weightColumn}. */
    public static XGBoostClassificationModel fit(Dataset<Row> training, List<String> featureColumns,
                                                 Map<String, Object> hyperparameters, int seed, int numWorkers, int nthread,
                                                 String weightColumn) {
        return fit(training, featureColumns, hyperparameters, seed, numWorkers, nthread, LABEL, weightColumn);
    }

    /**
     * As {@link #fit(Dataset, List, Map, int, int, int, String)}, learning the classes in {@code labelColumn}
     * (the direct baseline learns the true labels instead of the teachers').
     */
    public static XGBoostClassificationModel fit(Dataset<Row> training, List<String> featureColumns,
                                                 Map<String, Object> hyperparameters, int seed, int numWorkers, int nthread,
                                                 String labelColumn, String weightColumn) {
        Map<String, Object> params = new HashMap<>(hyperparameters);
        params.put("seed", (long) seed);
        params.put("num_workers", numWorkers);
        params.put("nthread", nthread);
        // NaN is missing, as for the teachers; said explicitly so XGBoost4J-Spark accepts the sparse vectors
        // VectorAssembler makes of rows with zeros
        params.put("missing", Float.NaN);
        XGBoostClassifier classifier = new XGBoostClassifier(toScala(params));
        classifier.setFeaturesCol(FEATURES);
        classifier.setLabelCol(labelColumn);
        classifier.setWeightCol(weightColumn);
        return classifier.fit(assemble(training, featureColumns));
    }

    /** Adds the feature vector; NaN stays NaN, which XGBoost treats as missing. */
    public static Dataset<Row> assemble(Dataset<Row> rows, List<String> featureColumns) {
        return new VectorAssembler().setInputCols(featureColumns.toArray(String[]::new)).setOutputCol(FEATURES)
                .setHandleInvalid("keep").transform(rows);
    }

    private static scala.collection.immutable.Map<String, Object> toScala(Map<String, Object> params) {
        return JavaConverters.mapAsScalaMapConverter(params).asScala().toMap(Predef.<Tuple2<String, Object>>$conforms());
    }
}
