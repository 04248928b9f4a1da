package io.sensequant.training;

import io.sensequant.market.TradingCalendar;
import io.sensequant.market.WindowPlanner;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Everything a Spark task needs to train one symbol's teachers; serialised once per task. */
public record TeacherSpec(String runId, long baseSeed, List<String> featureColumns, Map<String, Object> hyperparameters,
                          int nthread, WindowPlanner planner, LocalDate start, LocalDate end, int horizon,
                          int minSamples, double trainFraction, double minTrainFraction, TradingCalendar calendar,
                          Map<String, LocalDate> lastBarBySymbol, String modelsDir) implements Serializable {
}
