package io.sensequant.training;

import java.util.HashMap;
import java.util.Map;

/** Turns a hyperparameter map from conf/models/ into XGBoost's native parameters plus the number of rounds. */
public record XgbParams(Map<String, Object> booster, int numRound) implements java.io.Serializable {
    public static final String NUM_ROUND = "num_round";

    public static XgbParams of(Map<String, Object> hyperparameters, int seed, int nthread) {
        Map<String, Object> booster = new HashMap<>(hyperparameters);
        Object rounds = booster.remove(NUM_ROUND);
        if (!(rounds instanceof Number number)) {
            throw new io.sensequant.config.ConfigException("models.xgboost.hyperparameters: '" + NUM_ROUND
                    + "' must be set to a whole number of boosting rounds");
        }
        booster.put("seed", seed);
        booster.put("nthread", nthread);
        return new XgbParams(booster, number.intValue());
    }
}
