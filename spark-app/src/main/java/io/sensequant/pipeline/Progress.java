package io.sensequant.pipeline;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar with ETA for a long step, drawn on stderr only when a person is watching (a
 * terminal); in logs and CI it stays silent and the phase's summary line says what happened.
 */
public final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    public static Progress start(String task, long total, String unit) {
        if (System.console() == null || total <= 0) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName("  " + task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" " + unit, 1).showSpeed().setConsumer(
                        new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build());
    }

    public synchronized void step() {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
