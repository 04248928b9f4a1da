package io.sensequant.cli;

import io.sensequant.config.ConfigException;
import io.sensequant.pipeline.PhaseFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The command line. Exit codes: 0 success, 1 a failed run (or a failed check), 2 a usage or config error,
 * which is reported as one line naming the culprit, without a stack trace.
 */
@Command(name = "sensequant", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Trains and reviews trading models for Indian equities on Spark, with a Delta Lake audit trail.",
        subcommands = {RunCommand.class, IngestCommand.class, FeaturesCommand.class, BenchCommand.class, SqlCommand.class,
                ExportCommand.class, HistoryCommand.class, DiffCommand.class, VerifyCommand.class, DoctorCommand.class,
                CandidatesCommand.class, ApproveCommand.class, RejectCommand.class,
                CommandLine.HelpCommand.class})
public final class SenseQuant implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = execute(args);
        // Under spark-submit (YARN cluster mode, Databricks jar tasks) an explicit exit before the driver reports
        // its status reads as a failure and can trigger a retry of the whole run: stop Spark and return instead.
        if (code == OK && System.getProperty("spark.submit.deployMode") != null) {
            org.apache.spark.sql.SparkSession.getDefaultSession().foreach(session -> {
                session.stop();
                return null;
            });
            return;
        }
        System.exit(code);
    }

    /** Runs one command in this JVM and returns its exit code (tests call this directly). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new SenseQuant());
        commandLine.setParameterExceptionHandler(SenseQuant::usageError);
        commandLine.setExecutionExceptionHandler(SenseQuant::failure);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return USAGE;
    }

    private static int failure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        ConfigException userError = findUserError(e);
        if (userError != null) {
            err.println("error: " + userError.getMessage());
            err.flush();
            return USAGE;
        }
        io.sensequant.identity.IdentityIncompleteException incomplete = findCause(e, io.sensequant.identity.IdentityIncompleteException.class);
        if (incomplete != null) {
            err.println("error: " + incomplete.getMessage());
            err.flush();
            return FAILED;
        }
        io.sensequant.training.ModelIntegrityException refused = findCause(e, io.sensequant.training.ModelIntegrityException.class);
        if (refused != null) {
            err.println("error: " + refused.getMessage());
            err.flush();
            return FAILED;
        }
        io.sensequant.release.ReleaseAuditException audit = findCause(e, io.sensequant.release.ReleaseAuditException.class);
        if (audit != null) {
            err.println("error: " + audit.getMessage());
            err.flush();
            return FAILED;
        }
        if (e instanceof PhaseFailedException failed) {
            err.println("run failed: " + failed.getMessage());
        } else {
            err.println("failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        e.printStackTrace(err);
        err.flush();
        return FAILED;
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static ConfigException findUserError(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConfigException configException) {
                return configException;
            }
        }
        return null;
    }
}
