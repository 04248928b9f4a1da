package io.sensequant.ingest;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * Captures everything logged (all levels, through a temporary log4j2 appender on the root logger, with
 * io.sensequant lowered to ALL) and everything printed to System.out / System.err while open; the streams are
 * still passed through.
 */
final class CapturedOutput implements AutoCloseable {
    private static final String LOGGER = "io.sensequant";

    private final StringBuffer logged = new StringBuffer();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender appender;
    private final boolean addedLoggerConfig;
    private final Level previousLevel;

    CapturedOutput() {
        appender = new AbstractAppender("captured-output", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                logged.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(": ")
                        .append(event.getMessage().getFormattedMessage()).append('\n');
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    logged.append(trace);
                }
            }
        };
        appender.start();
        Configuration config = context.getConfiguration();
        LoggerConfig existing = config.getLoggers().get(LOGGER);
        addedLoggerConfig = existing == null;
        LoggerConfig sensequant = addedLoggerConfig ? new LoggerConfig(LOGGER, Level.ALL, true) : existing;
        previousLevel = sensequant.getLevel();
        sensequant.setLevel(Level.ALL);
        if (addedLoggerConfig) {
            config.addLogger(LOGGER, sensequant);
        }
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
        System.setOut(new PrintStream(tee(out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err), true, StandardCharsets.UTF_8));
    }

    private OutputStream tee(PrintStream original) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (printed) {
                    printed.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (printed) {
                    printed.write(b, off, len);
                }
                original.write(b, off, len);
            }
        };
    }

    /** What was logged, then what was printed. */
    String text() {
        synchronized (printed) {
            return logged + "\n" + printed.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        if (addedLoggerConfig) {
            config.removeLogger(LOGGER);
        } else {
            config.getLoggers().get(LOGGER).setLevel(previousLevel);
        }
        context.updateLoggers();
        appender.stop();
    }
}
