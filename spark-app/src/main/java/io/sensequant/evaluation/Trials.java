package io.sensequant.evaluation;

import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;

import java.util.Optional;

/**
 * How many configurations this run tried before recommending one, for the deflated Sharpe ratio: the target
 * candidates target ranking scored (its summary key {@code candidates}) times the students trained (the
 * baseline, plus the reward-weighted one when {@code reward.enabled}). Without a target-ranking result in this
 * run (ranking disabled or not run in this process) one target counts. An undercount makes the deflation milder,
 * so the source is reported with the number.
 */
record Trials(int count, String source) {

    static Trials of(RunContext context) {
        int students = context.config().reward().enabled() ? 2 : 1;
        Optional<Object> candidates = context.result(Stage.TARGET_RANKING).map(PhaseResult::summary)
                .map(s -> s.get("candidates"));
        int targets = candidates.filter(c -> c instanceof Number).map(c -> ((Number) c).intValue()).orElse(1);
        String from = candidates.isPresent() ? targets + " target candidates (TARGET_RANKING summary \"candidates\")"
                : "1 target (no target-ranking result in this run)";
        return new Trials(Math.max(1, targets) * students, from + " x " + students + " student(s) trained ("
                + (students == 2 ? "baseline and reward-weighted" : "baseline only, reward.enabled false") + ")");
    }
}
