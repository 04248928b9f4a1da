package io.sensequant.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds hard-coded model knobs in one Java source file: every hyperparameter and every seed must come from
 * {@code conf/} (seeds via {@code Seeds.derive(base_seed, name)}), otherwise a run is not reproducible from its
 * recorded config. This is a deliberately small, regex-based lint, not a parser; it finds the common shapes and
 * accepts that a determined author can hide a literal from it.
 *
 * <p>Before matching, the source is turned into two same-length "views" so that offsets (hence line numbers)
 * stay valid: {@code code} has {@code //} and {@code /* *}{@code /} comments blanked out; {@code bare} additionally
 * blanks the contents of string, char and text-block literals, so that e.g. {@code "never call Math.random()"}
 * in a message is not flagged and commas inside strings do not confuse argument splitting. Rules are:
 * <ul>
 *   <li>{@value #UNSEEDED_RANDOM}: {@code new Random()}, {@code new SplittableRandom()}, {@code Math.random(},
 *       {@code ThreadLocalRandom}, {@code UUID.randomUUID(}, {@code new SecureRandom(}, Spark {@code rand()} /
 *       {@code randn()}, {@code randomSplit(weights)} without a seed, {@code Collections.shuffle(list)} without a
 *       Random. ({@code .sample(...)} is skipped: its seedless and seeded overloads cannot be told apart
 *       reliably by argument count.)</li>
 *   <li>{@value #LITERAL_SEED}: an integer literal given to {@code new Random(}, {@code new SplittableRandom(},
 *       {@code setSeed(}, {@code rand(}, {@code randn(}, as the last argument of {@code randomSplit(}, or a numeric
 *       literal stored under a {@code "seed"} key (see the key-value rule below).</li>
 *   <li>{@value #HARDCODED_HYPERPARAMETER}: a numeric literal passed to a known model setter
 *       ({@code setMaxDepth(6)}), or paired with a known XGBoost / Spark-ML key in {@code put(k, v)},
 *       {@code Map.entry(k, v)} or {@code Map.of(k1, v1, k2, v2, ...)}.</li>
 * </ul>
 * Import lines are never reported (importing {@code ThreadLocalRandom} is not itself a use).
 */
final class KnobScanner {
    static final String UNSEEDED_RANDOM = "unseeded-random";
    static final String LITERAL_SEED = "literal-seed";
    static final String HARDCODED_HYPERPARAMETER = "hardcoded-hyperparameter";
    static final Set<String> RULES = Set.of(UNSEEDED_RANDOM, LITERAL_SEED, HARDCODED_HYPERPARAMETER);

    /** One offending line; {@code file} is whatever path the caller passed in (the test uses repo-relative). */
    record Finding(Path file, int line, String rule, String text) {
        /** The path with '/' separators, as written in the allowlist. */
        String path() {
            return file.toString().replace('\\', '/');
        }

        @Override
        public String toString() {
            return path() + ":" + line + " [" + rule + "] " + text;
        }
    }

    // An optional primitive cast, so that "(float) 0.3" counts as a literal too.
    private static final String CAST = "(?:\\(\\s*(?:int|long|float|double|short|byte)\\s*\\)\\s*)?";
    // Integer literal (decimal or hex, optional L), and any numeric literal (also 0.3, .5, 1e-3, 2f).
    private static final String INT = CAST + "[-+]?(?:0[xX][0-9a-fA-F_]+|[0-9][0-9_]*)[lL]?";
    private static final String NUM = CAST + "[-+]?(?:0[xX][0-9a-fA-F_]+[lL]?"
            + "|(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?[fFdDlL]?)";
    private static final Pattern INT_LITERAL = Pattern.compile(INT);
    private static final Pattern NUM_LITERAL = Pattern.compile(NUM);
    // "new Random(", also fully qualified "new java.util.Random(".
    private static final String NEW = "\\bnew\\s+(?:\\w+\\s*\\.\\s*)*";

    /** Model setters whose argument is a hyperparameter (XGBoost4J-Spark and Spark ML names). */
    private static final String SETTERS = String.join("|", "MaxDepth", "Eta", "NumRound", "NumWorkers", "Nthread",
            "Subsample", "ColsampleBytree", "ColsampleBylevel", "ColsampleBynode", "MinChildWeight", "Lambda",
            "Alpha", "Gamma", "MaxBin", "MaxBins", "MaxLeaves", "MaxDeltaStep", "NumClass", "LearningRate",
            "MaxIter", "RegParam", "ElasticNetParam", "NumTrees", "StepSize", "NumEarlyStoppingRounds",
            "ScalePosWeight", "NumParallelTree", "SubsamplingRate", "MinInstancesPerNode", "MinInfoGain", "Tol");

    /** Parameter-map keys holding a hyperparameter; each is also accepted in camelCase (max_depth, maxDepth). */
    private static final Set<String> HYPERPARAMETER_KEYS = withCamelCase("max_depth", "eta", "learning_rate",
            "num_round", "n_estimators", "subsample", "colsample_bytree", "colsample_bylevel", "colsample_bynode",
            "min_child_weight", "lambda", "alpha", "gamma", "reg_lambda", "reg_alpha", "max_bin", "max_leaves",
            "max_delta_step", "num_class", "nthread", "num_workers", "num_parallel_tree", "scale_pos_weight",
            "num_early_stopping_rounds", "early_stopping_rounds", "max_iter", "reg_param", "elastic_net_param",
            "step_size", "num_trees");
    /** Keys holding a seed; a literal there is a {@value #LITERAL_SEED}, not a hyperparameter. */
    private static final Set<String> SEED_KEYS = withCamelCase("seed", "random_state");

    private record Rule(String name, Pattern pattern) {
    }

    /** Rules that a single regex over the {@code bare} view decides. */
    private static final List<Rule> REGEX_RULES = List.of(
            new Rule(UNSEEDED_RANDOM, Pattern.compile(NEW + "(?:Splittable)?Random\\s*\\(\\s*\\)")),
            new Rule(UNSEEDED_RANDOM, Pattern.compile("\\b(?:Strict)?Math\\s*\\.\\s*random\\s*\\(")),
            new Rule(UNSEEDED_RANDOM, Pattern.compile("\\bThreadLocalRandom\\b")),
            new Rule(UNSEEDED_RANDOM, Pattern.compile("\\bUUID\\s*\\.\\s*randomUUID\\s*\\(")),
            new Rule(UNSEEDED_RANDOM, Pattern.compile(NEW + "SecureRandom\\s*\\(")),
            new Rule(UNSEEDED_RANDOM, Pattern.compile("\\b(?:rand|randn)\\s*\\(\\s*\\)")),
            new Rule(LITERAL_SEED, Pattern.compile(NEW + "(?:Splittable)?Random\\s*\\(\\s*" + INT + "\\s*\\)")),
            new Rule(LITERAL_SEED, Pattern.compile("\\bsetSeed\\s*\\(\\s*" + INT + "\\s*\\)")),
            new Rule(LITERAL_SEED, Pattern.compile("\\b(?:rand|randn)\\s*\\(\\s*" + INT + "\\s*\\)")),
            new Rule(HARDCODED_HYPERPARAMETER,
                    Pattern.compile("\\bset(?:" + SETTERS + ")\\s*\\(\\s*" + NUM + "\\s*\\)")));

    // Rules that depend on the arguments of a call; the pattern ends at the call's opening parenthesis.
    private static final Pattern RANDOM_SPLIT = Pattern.compile("\\.\\s*randomSplit(?:AsList)?\\s*\\(");
    private static final Pattern SHUFFLE = Pattern.compile("\\bCollections\\s*\\.\\s*shuffle\\s*\\(");
    private static final Pattern KEY_VALUE_CALL = Pattern.compile("\\b(?:put|putIfAbsent|entry)\\s*\\(");
    private static final Pattern MAP_OF = Pattern.compile("\\b\\w*Map\\s*\\.\\s*of\\s*\\(");
    private static final Pattern STRING_KEY = Pattern.compile("\"(\\w+)\"");

    private KnobScanner() {
    }

    /** Scans one file's source text and returns its findings, ordered by line, at most one per line and rule. */
    static List<Finding> scan(Path file, String source) {
        Views views = Views.of(source);
        Lines lines = new Lines(source);
        Set<Finding> findings = new TreeSet<>(
                Comparator.comparingInt(Finding::line).thenComparing(Finding::rule));
        Reporter report = (offset, rule) -> {
            int line = lines.lineOf(offset);
            String text = lines.text(line);
            if (!text.startsWith("import ")) {
                findings.add(new Finding(file, line, rule, text));
            }
        };

        for (Rule rule : REGEX_RULES) {
            Matcher m = rule.pattern().matcher(views.bare());
            while (m.find()) {
                report.at(m.start(), rule.name());
            }
        }
        forEachCall(RANDOM_SPLIT, views, (start, args) -> {
            if (args.size() == 1) {
                report.at(start, UNSEEDED_RANDOM);
            } else if (INT_LITERAL.matcher(views.bareText(args.get(args.size() - 1))).matches()) {
                report.at(start, LITERAL_SEED);
            }
        });
        forEachCall(SHUFFLE, views, (start, args) -> {
            if (args.size() == 1) {
                report.at(start, UNSEEDED_RANDOM);
            }
        });
        forEachCall(KEY_VALUE_CALL, views, (start, args) -> {
            if (args.size() == 2) {
                checkPair(views, args.get(0), args.get(1), report);
            }
        });
        forEachCall(MAP_OF, views, (start, args) -> {
            for (int i = 0; i + 1 < args.size(); i += 2) {
                checkPair(views, args.get(i), args.get(i + 1), report);
            }
        });
        return List.copyOf(findings);
    }

    /** A {@code "known_key", <numeric literal>} pair; reported on the key's line. */
    private static void checkPair(Views views, int[] key, int[] value, Reporter report) {
        Matcher k = STRING_KEY.matcher(views.codeText(key));
        if (!k.matches() || !NUM_LITERAL.matcher(views.bareText(value)).matches()) {
            return;
        }
        String rule = SEED_KEYS.contains(k.group(1)) ? LITERAL_SEED
                : HYPERPARAMETER_KEYS.contains(k.group(1)) ? HARDCODED_HYPERPARAMETER : null;
        if (rule != null) {
            report.at(views.firstNonBlank(key), rule);
        }
    }

    private interface Reporter {
        void at(int offset, String rule);
    }

    private interface CallVisitor {
        void visit(int start, List<int[]> args);
    }

    /** Calls {@code visitor} with the argument spans of each call whose name {@code call} matches (up to "("). */
    private static void forEachCall(Pattern call, Views views, CallVisitor visitor) {
        Matcher m = call.matcher(views.bare());
        while (m.find()) {
            List<int[]> args = arguments(views.bare(), m.end() - 1);
            if (args != null) { // null: unbalanced, e.g. a file caught half-written
                visitor.visit(m.start(), args);
            }
        }
    }

    /**
     * Splits the arguments of the call whose "(" is at {@code open} into [start, end) spans, on top-level commas.
     * Works on the {@code bare} view, so brackets and commas inside literals and comments are already gone.
     * Generic type arguments ({@code <A, B>}) inside the call would mis-split; that is rare enough to accept.
     */
    private static List<int[]> arguments(String bare, int open) {
        List<int[]> args = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int i = open + 1; i < bare.length(); i++) {
            char c = bare.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ')') {
                if (!bare.substring(start, i).isBlank() || !args.isEmpty()) {
                    args.add(new int[] {start, i});
                }
                return args;
            } else if (c == ',' && depth == 0) {
                args.add(new int[] {start, i});
                start = i + 1;
            }
        }
        return null;
    }

    /** Both views have the source's length, so an offset means the same place in the source and in each view. */
    private record Views(String code, String bare) {
        String codeText(int[] span) {
            return code.substring(span[0], span[1]).strip();
        }

        String bareText(int[] span) {
            return bare.substring(span[0], span[1]).strip();
        }

        int firstNonBlank(int[] span) {
            int i = span[0];
            while (i < span[1] && Character.isWhitespace(bare.charAt(i))) {
                i++;
            }
            return i;
        }

        static Views of(String src) {
            char[] code = src.toCharArray();
            char[] bare = src.toCharArray();
            int n = src.length();
            int i = 0;
            while (i < n) {
                if (src.startsWith("//", i)) {
                    int end = src.indexOf('\n', i);
                    i = blank(i, end < 0 ? n : end, code, bare);
                } else if (src.startsWith("/*", i)) {
                    int end = src.indexOf("*/", i + 2);
                    i = blank(i, end < 0 ? n : end + 2, code, bare);
                } else if (src.startsWith("\"\"\"", i)) {
                    i = skipLiteral(src, i + 3, "\"\"\"", bare);
                } else if (src.charAt(i) == '"' || src.charAt(i) == '\'') {
                    i = skipLiteral(src, i + 1, String.valueOf(src.charAt(i)), bare);
                } else {
                    i++;
                }
            }
            return new Views(new String(code), new String(bare));
        }

        /** Blanks the literal's contents in {@code bare} (keeping the quotes) and returns the index after it. */
        private static int skipLiteral(String src, int i, String close, char[] bare) {
            while (i < src.length() && !src.startsWith(close, i)) {
                if (close.length() == 1 && src.charAt(i) == '\n') {
                    return i; // unterminated one-line literal: stop at the end of the line
                }
                int end = Math.min(src.length(), i + (src.charAt(i) == '\\' ? 2 : 1)); // an escape is 2 chars
                i = blank(i, end, bare);
            }
            return Math.min(src.length(), i + close.length());
        }

        /** Replaces [from, to) by spaces in each array, keeping line breaks so that line numbers survive. */
        private static int blank(int from, int to, char[]... views) {
            for (char[] view : views) {
                for (int i = from; i < to; i++) {
                    if (view[i] != '\n' && view[i] != '\r') {
                        view[i] = ' ';
                    }
                }
            }
            return to;
        }
    }

    /** Maps offsets to 1-based line numbers and lines to their (trimmed) original text. */
    private static final class Lines {
        private final String source;
        private final int[] starts;

        Lines(String source) {
            this.source = source;
            List<Integer> list = new ArrayList<>(List.of(0));
            for (int i = 0; i < source.length(); i++) {
                if (source.charAt(i) == '\n') {
                    list.add(i + 1);
                }
            }
            this.starts = list.stream().mapToInt(Integer::intValue).toArray();
        }

        int lineOf(int offset) {
            int i = Arrays.binarySearch(starts, offset);
            return (i >= 0 ? i : -i - 2) + 1;
        }

        String text(int line) {
            int end = line < starts.length ? starts[line] : source.length();
            return source.substring(starts[line - 1], end).strip();
        }
    }

    private static Set<String> withCamelCase(String... snakeKeys) {
        return Stream.of(snakeKeys)
                .flatMap(key -> Stream.of(key, Pattern.compile("_([a-z])").matcher(key)
                        .replaceAll(m -> m.group(1).toUpperCase())))
                .collect(Collectors.toUnmodifiableSet());
    }
}
