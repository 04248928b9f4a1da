package io.sensequant.release;

import io.sensequant.config.PipelineConfig;

import java.util.Locale;

/**
 * Optional auto-approval ({@code candidate.auto_approve}, off by default): a registered run whose student test
 * accuracy reaches {@code candidate.approval_threshold} is approved by {@code auto-approval}, unless the
 * briefing recommends rejecting it. The reason is recorded as the registry row's note.
 */
final class AutoApproval {
    record Decision(boolean approve, String reason) {
    }

    private AutoApproval() {
    }

    static Decision decide(PipelineConfig.Candidate candidate, double accuracy, String recommendation) {
        if (!candidate.autoApprove()) {
            return new Decision(false, "candidate.auto_approve is off: a person approves or rejects");
        }
        String figures = String.format(Locale.ROOT, "student test accuracy %.4f, candidate.approval_threshold %.4f",
                accuracy, candidate.approvalThreshold());
        if (Recommendation.REJECT.equals(recommendation)) {
            return new Decision(false, "not auto-approved: the briefing recommends reject (" + figures + ")");
        }
        if (accuracy < candidate.approvalThreshold()) {
            return new Decision(false, "not auto-approved: " + figures);
        }
        return new Decision(true, "auto-approved: " + figures + " (recommendation " + recommendation + ")");
    }
}
