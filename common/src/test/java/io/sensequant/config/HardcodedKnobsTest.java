package io.sensequant.config;

import io.sensequant.config.KnobScanner.Finding;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Enforces that model knobs live in conf/: no module's main code may hard-code a hyperparameter or a seed, or
 * draw randomness without a seed, unless the line is justified in {@code knob-allowlist.txt}. The detection
 * itself is in {@link KnobScanner}; the allowlist rules are in {@link KnobAllowlist}.
 */
class HardcodedKnobsTest {
    /** Surefire runs with working directory common/, so the repo root is its parent. */
    static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String ALLOWLIST = "common/src/test/resources/knob-allowlist.txt";
    static final String HINT = "move the value to conf/ (or justify it in " + ALLOWLIST + ")";

    /**
     * Planted source: every line that must be flagged ends in an "expect: rule" comment (comments are invisible
     * to the scanner, so the marker cannot influence the result); all other lines must stay clean.
     */
    static final String PLANTED = """
            package planted;

            import java.util.concurrent.ThreadLocalRandom;
            import static org.apache.spark.sql.functions.rand;

            class Planted {
                void unseeded(Dataset<Row> df, List<String> list) {
                    Random a = new Random();                                     // expect: unseeded-random
                    var b = new java.util.SplittableRandom();                    // expect: unseeded-random
                    double c = Math.random();                                    // expect: unseeded-random
                    int d = ThreadLocalRandom.current().nextInt();               // expect: unseeded-random
                    String id = UUID.randomUUID().toString();                    // expect: unseeded-random
                    var e = new SecureRandom();                                  // expect: unseeded-random
                    df.withColumn("r", functions.rand());                        // expect: unseeded-random
                    df.withColumn("n", randn());                                 // expect: unseeded-random
                    df.randomSplit(new double[] {0.8, 0.2});                     // expect: unseeded-random
                    Collections.shuffle(list);                                   // expect: unseeded-random
                }

                void literalSeeds(Dataset<Row> df, Map<String, Object> params, XGBoostClassifier xgb) {
                    Random a = new Random(42);                                   // expect: literal-seed
                    var b = new SplittableRandom(0x5EEDL);                       // expect: literal-seed
                    xgb.setSeed(123L);                                           // expect: literal-seed
                    params.put("seed", 7);                                       // expect: literal-seed
                    df.withColumn("r", rand(5));                                 // expect: literal-seed
                    df.withColumn("n", functions.randn(-1));                     // expect: literal-seed
                    df.randomSplit(new double[] {0.8, 0.2}, 42L);                // expect: literal-seed
                }

                void hyperparameters(Map<String, Object> params, XGBoostClassifier xgb) {
                    xgb.setMaxDepth(6);                                          // expect: hardcoded-hyperparameter
                    xgb.setEta(0.3)                                              // expect: hardcoded-hyperparameter
                       .setNumRound(1_000)                                       // expect: hardcoded-hyperparameter
                       .setRegParam(1e-3);                                       // expect: hardcoded-hyperparameter
                    params.put("max_depth", 6);                                  // expect: hardcoded-hyperparameter
                    params.put("colsampleBytree", (float) .5);                   // expect: hardcoded-hyperparameter
                    var e = Map.entry("eta", 0.1);                               // expect: hardcoded-hyperparameter
                    Map<String, Object> m = Map.of(
                            "objective", "multi:softprob",
                            "subsample", 0.8,                                    // expect: hardcoded-hyperparameter
                            "num_round", 100);                                   // expect: hardcoded-hyperparameter
                }

                void clean(Dataset<Row> df, Map<String, Object> params, XGBoostClassifier xgb, Config cfg, long base) {
                    Random a = new Random(Seeds.derive(base, "x"));
                    var b = new SplittableRandom(seed);
                    xgb.setMaxDepth(cfg.maxDepth()).setEta(cfg.eta()).setSeed(Seeds.deriveInt(base, "xgb"));
                    // xgb.setMaxDepth(6); new Random(); Math.random();
                    /* new Random(42); */ xgb.setNumRound(cfg.numRound());
                    /*
                     * setMaxDepth(6) in a block comment
                     */
                    log.info("never call Math.random() or new Random() or setMaxDepth(6)");
                    String text = \"""
                        params.put("max_depth", 6); new Random();
                        \""";
                    params.put("max_depth", cfg.maxDepth());
                    params.put("label_count", 3);
                    params.put("seed", Seeds.deriveInt(base, "xgb"));
                    Map<String, Object> m = Map.of("objective", "binary:logistic", "max_depth", cfg.maxDepth());
                    df.randomSplit(new double[] {0.8, 0.2}, Seeds.derive(base, "split"));
                    df.withColumn("r", rand(Seeds.derive(base, "r")));
                    Collections.shuffle(list, new Random(Seeds.derive(base, "shuffle")));
                    xgb.setNumClass(classes.size());
                    operand(42);
                }
            }
            """;

    private static final Pattern EXPECT = Pattern.compile("// expect: ([a-z-]+)\\s*$");

    @Test
    void scannerFlagsEachRule() {
        Set<String> expected = new TreeSet<>();
        String[] lines = PLANTED.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = EXPECT.matcher(lines[i]);
            if (m.find()) {
                expected.add(String.format("%03d [%s]", i + 1, m.group(1)));
            }
        }
        // Guard the planted text itself: every rule must be exercised.
        for (String rule : KnobScanner.RULES) {
            assertTrue(expected.stream().anyMatch(e -> e.endsWith("[" + rule + "]")), "no planted example of " + rule);
        }

        List<Finding> findings = KnobScanner.scan(Path.of("planted/Planted.java"), PLANTED);
        Set<String> actual = findings.stream()
                .map(f -> String.format("%03d [%s]", f.line(), f.rule()))
                .collect(Collectors.toCollection(TreeSet::new));

        assertEquals(expected, actual, () -> "findings:\n" + join(findings));
        // The report format the enforcement test prints: path:line [rule] trimmed source line.
        String first = findings.get(0).toString();
        assertTrue(first.startsWith("planted/Planted.java:8 [unseeded-random] Random a = new Random();"), first);
    }

    @Test
    void mainSourcesHaveNoHardcodedKnobs() throws IOException {
        assertTrue(Files.isDirectory(REPO_ROOT.resolve("common/src/main")),
                "repo root not found; expected the working directory to be common/, got " + REPO_ROOT);

        List<Path> sources = mainJavaSources(REPO_ROOT);
        // Never pass vacuously: the walk must at least have found this module's own main code.
        assertFalse(sources.isEmpty(), "no .java file found under any */src/main in " + REPO_ROOT);
        assertTrue(sources.stream().anyMatch(p -> p.startsWith("common")), "common/src/main was not scanned");

        List<Finding> findings = new ArrayList<>();
        for (Path relative : sources) {
            String text = read(REPO_ROOT.resolve(relative));
            if (text != null) {
                findings.addAll(KnobScanner.scan(relative, text));
            }
        }
        KnobAllowlist allowlist = KnobAllowlist.parse(ALLOWLIST,
                Files.readString(REPO_ROOT.resolve(ALLOWLIST), StandardCharsets.UTF_8));
        KnobAllowlist.Result result = allowlist.apply(findings);

        if (!result.clean()) {
            StringBuilder message = new StringBuilder();
            if (!result.unallowed().isEmpty()) {
                message.append(result.unallowed().size()).append(" hard-coded knob(s) in main sources (scanned ")
                        .append(sources.size()).append(" files); ").append(HINT).append(":\n")
                        .append(join(result.unallowed()));
            }
            if (!result.problems().isEmpty()) {
                message.append("allowlist problems:\n").append(String.join("\n", result.problems())).append('\n');
            }
            fail(message.toString());
        }
    }

    @Test
    void staleOrUnjustifiedAllowlistEntriesFail() {
        Path file = Path.of("spark-app/src/main/java/x/Train.java");
        List<Finding> findings = List.of(
                new Finding(file, 10, KnobScanner.HARDCODED_HYPERPARAMETER, "xgb.setNumClass(3);"),
                new Finding(file, 11, KnobScanner.LITERAL_SEED, "new Random(1);"));
        String text = """
                # a comment, then a blank line

                spark-app/src/main/java/x/Train.java | hardcoded-hyperparameter | setNumClass(3) | always 3 labels
                spark-app/src/main/java/x/Train.java | literal-seed | new Random(1) |
                spark-app/src/main/java/x/Train.java | literal-seed | new Random(1)
                spark-app/src/main/java/x/Gone.java | unseeded-random | Math.random() | was removed long ago
                spark-app/src/main/java/x/Train.java | no-such-rule | setNumClass(3) | typo in the rule
                just one field
                """;

        KnobAllowlist allowlist = KnobAllowlist.parse("list.txt", text);
        KnobAllowlist.Result result = allowlist.apply(findings);

        // The justified entry allows its finding; the unjustified ones allow nothing, so line 11 stays.
        assertEquals(List.of(findings.get(1)), result.unallowed());
        assertEquals(5, result.problems().size(), () -> String.join("\n", result.problems()));
        assertProblem(result, "list.txt:4: entry has no justification");
        assertProblem(result, "list.txt:5: entry has no justification");
        assertProblem(result, "list.txt:6: stale entry");
        assertProblem(result, "list.txt:7: unknown rule 'no-such-rule'");
        assertProblem(result, "list.txt:8: expected 'path | rule | substring | justification'");

        // A clean list over the same findings: everything allowed, nothing to report.
        KnobAllowlist good = KnobAllowlist.parse("good.txt", """
                spark-app/src/main/java/x/Train.java | hardcoded-hyperparameter | setNumClass(3) | always 3 labels
                ./spark-app/src/main/java/x/Train.java | literal-seed | new Random(1) | fixture needs a fixed seed
                """);
        assertTrue(good.apply(findings).clean());
    }

    private static void assertProblem(KnobAllowlist.Result result, String prefix) {
        assertTrue(result.problems().stream().anyMatch(p -> p.startsWith(prefix)),
                () -> "expected a problem starting with '" + prefix + "' in:\n" + String.join("\n", result.problems()));
    }

    /**
     * Every .java file whose repo-relative path runs through a {@code src/main} directory, in any module (also
     * ones added later), skipping build output and hidden directories.
     */
    static List<Path> mainJavaSources(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(root)
                        && (name.startsWith(".") || name.equals("target") || name.equals("node_modules"));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Path relative = root.relativize(file);
                if (file.toString().endsWith(".java") && underSrcMain(relative)) {
                    found.add(relative);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // e.g. a file deleted while we walk; nothing to scan
            }
        });
        found.sort(null);
        return found;
    }

    private static boolean underSrcMain(Path relative) {
        for (int i = 0; i + 1 < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().equals("src") && relative.getName(i + 1).toString().equals("main")) {
                return true;
            }
        }
        return false;
    }

    /** The file's text, or null if it vanished since the walk (other people edit the tree concurrently). */
    private static String read(Path file) {
        try {
            // new String(...) replaces malformed bytes instead of throwing, unlike Files.readString.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(List<Finding> findings) {
        return findings.stream().map(f -> "  " + f + "\n").collect(Collectors.joining());
    }
}
