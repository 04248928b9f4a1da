package io.sensequant.release;

import java.util.Map;

/**
 * A test phase's verdict as the release reads it, from the {@code status} its summary recorded and nothing else.
 * The four states are never merged: "failed" means the tests ran and the evidence was against the student;
 * "skipped" means they were configured off or had too little data; "not run" means the phase did not run (or
 * recorded a status this release does not know, which is treated the same way: it can never approve).
 */
enum EvidenceStatus {
    PASSED("passed", Recommendation.PASS, "Passed", "the tests ran and the evidence was for the student"),
    FAILED("failed", Recommendation.FAIL, "Failed", "the tests ran and the evidence was against the student"),
    SKIPPED("skipped", Recommendation.SKIPPED, "Skipped", "configured off or too little data, so nothing was tested"),
    NOT_RUN(Briefing.NOT_RUN, Recommendation.NOT_RUN, "Not run", "the phase did not run");

    /** As written in the briefing JSON. */
    final String status;
    /** The recommendation's check value. */
    final String check;
    /** As shown in the Markdown and HTML briefing. */
    final String label;
    /** What the state means, for the reasons and the briefing text. */
    final String meaning;

    EvidenceStatus(String status, String check, String label, String meaning) {
        this.status = status;
        this.check = check;
        this.label = label;
        this.meaning = meaning;
    }

    static EvidenceStatus of(Map<String, Object> summary) {
        if (summary == null) {
            return NOT_RUN;
        }
        return switch (String.valueOf(summary.get("status"))) {
            case "passed" -> PASSED;
            case "failed" -> FAILED;
            // "disabled" is an older spelling of "configured off"
            case "skipped", "disabled" -> SKIPPED;
            default -> NOT_RUN;
        };
    }

    /**
     * Why: the summary's own {@code reason}, or for a summary whose status is none of the four, that status
     * named, so an unknown status never reads as a pass.
     */
    static String reason(Map<String, Object> summary, String phase) {
        if (summary == null) {
            return "the " + phase + " phase did not run";
        }
        Object status = summary.get("status");
        boolean known = status != null && java.util.Set.of("passed", "failed", "skipped", "disabled", Briefing.NOT_RUN)
                .contains(status.toString());
        String reason = summary.get("reason") == null ? null : summary.get("reason").toString();
        if (!known) {
            String unknown = "the " + phase + " phase recorded status '" + status
                    + "', none of passed, failed, skipped: read as not run";
            return reason == null ? unknown : unknown + "; its reason: " + reason;
        }
        return reason;
    }
}
