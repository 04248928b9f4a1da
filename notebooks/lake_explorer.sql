-- Databricks notebook source
-- MAGIC %md
-- MAGIC # SenseQuant lake explorer
-- MAGIC
-- MAGIC Read-only queries over a SenseQuant lake: bar coverage, features and labels, teacher and student outcomes,
-- MAGIC the candidate registry and the Delta audit trail. Nothing here writes to the lake.
-- MAGIC
-- MAGIC **Setup.** Set the `lake_root` widget to the lake's root: any path the cluster can read
-- MAGIC (`dbfs:/...`, `s3a://bucket/lake`, `abfss://container@account.dfs.core.windows.net/lake`, `hdfs://...`,
-- MAGIC or a local path). The cells below register every lake table as a temporary view under its own name,
-- MAGIC for example
-- MAGIC
-- MAGIC ```sql
-- MAGIC CREATE OR REPLACE TEMP VIEW ohlcv AS SELECT * FROM delta.`${lake_root}/ohlcv`
-- MAGIC ```
-- MAGIC
-- MAGIC so the rest of the notebook reads `ohlcv`, `features`, `teacher_runs`, `student_runs`, `predictions`,
-- MAGIC `rewards`, `metrics` and `candidate_runs`, the same names that `deploy/bin/sensequant sql` registers locally.
-- MAGIC Temporary views belong to the notebook's Spark session: re-run these cells after a detach or restart,
-- MAGIC or after changing the widget.
-- MAGIC
-- MAGIC Every SQL cell holds exactly one statement, so any cell can also be pasted into `sensequant sql "..."`
-- MAGIC (which registers the views itself).

-- COMMAND ----------

CREATE WIDGET TEXT lake_root DEFAULT './lake'

-- COMMAND ----------

-- MAGIC %md
-- MAGIC The pipeline runs its Spark sessions in `Asia/Kolkata` (`spark.session_time_zone` in `conf/pipeline.yaml`).
-- MAGIC Use the same session time zone here, so that `year(ts)` and date boundaries agree with the `date` column of
-- MAGIC `features` and with the NSE calendar.

-- COMMAND ----------

SET TIME ZONE 'Asia/Kolkata'

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Register the lake tables as views

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW ohlcv AS SELECT * FROM delta.`${lake_root}/ohlcv`

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW features AS SELECT * FROM delta.`${lake_root}/features`

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW teacher_runs AS SELECT * FROM delta.`${lake_root}/teacher_runs`

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW student_runs AS SELECT * FROM delta.`${lake_root}/student_runs`

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW predictions AS SELECT * FROM delta.`${lake_root}/predictions`

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW metrics AS SELECT * FROM delta.`${lake_root}/metrics`

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW rewards AS SELECT * FROM delta.`${lake_root}/rewards`

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW candidate_runs AS SELECT * FROM delta.`${lake_root}/candidate_runs`

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW target_ranking AS SELECT * FROM delta.`${lake_root}/target_ranking`

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW feature_selection AS SELECT * FROM delta.`${lake_root}/feature_selection`

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW leakage_exclusions AS SELECT * FROM delta.`${lake_root}/leakage_exclusions`

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Bars: coverage per symbol
-- MAGIC
-- MAGIC First and last bar, bar count and number of calendar years touched, per symbol and interval. A symbol whose
-- MAGIC `first_ts` is much later than its peers' was listed (or first provided) later; a `last_ts` earlier than
-- MAGIC the others' points at a delisting or an ingest that stopped early.

-- COMMAND ----------

SELECT
  symbol,
  `interval`,
  min(ts) AS first_ts,
  max(ts) AS last_ts,
  count(*) AS bars,
  count(DISTINCT year(ts)) AS distinct_years,
  round(avg(volume), 0) AS mean_volume
FROM ohlcv
GROUP BY symbol, `interval`
ORDER BY symbol, `interval`

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Bars: gaps proxy (bars per symbol per year)
-- MAGIC
-- MAGIC Every symbol trades on the same exchange calendar, so in a given year each symbol should have about as many
-- MAGIC bars as the fullest one. `bars_short_of_max` counts the missing sessions relative to that symbol; large
-- MAGIC values inside the run's date range are gaps worth a look. The first and last years of a run are partial
-- MAGIC for every symbol alike, so they show up only as a low `max_bars_in_year`, not as a shortfall.

-- COMMAND ----------

WITH per_year AS (
  SELECT
    symbol,
    `interval`,
    year(ts) AS bar_year,
    count(*) AS bars,
    min(ts) AS first_ts,
    max(ts) AS last_ts
  FROM ohlcv
  GROUP BY symbol, `interval`, year(ts)
)
SELECT
  symbol,
  `interval`,
  bar_year,
  bars,
  max(bars) OVER (PARTITION BY `interval`, bar_year) AS max_bars_in_year,
  max(bars) OVER (PARTITION BY `interval`, bar_year) - bars AS bars_short_of_max,
  first_ts,
  last_ts
FROM per_year
ORDER BY bars_short_of_max DESC, symbol, bar_year

-- COMMAND ----------

-- MAGIC %md
-- MAGIC The largest calendar gaps between consecutive bars of a symbol. For daily bars, 3 to 4 days is a weekend or
-- MAGIC a weekend plus an exchange holiday; anything much longer is a data gap or a trading suspension.

-- COMMAND ----------

WITH spaced AS (
  SELECT
    symbol,
    `interval`,
    ts,
    lag(ts) OVER (PARTITION BY symbol, `interval` ORDER BY ts) AS previous_ts
  FROM ohlcv
)
SELECT
  symbol,
  `interval`,
  previous_ts,
  ts AS next_ts,
  datediff(CAST(ts AS DATE), CAST(previous_ts AS DATE)) AS calendar_days
FROM spaced
WHERE previous_ts IS NOT NULL
ORDER BY calendar_days DESC, symbol, next_ts
LIMIT 25

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Features: summary per symbol
-- MAGIC
-- MAGIC Rows after warm-up, the mean and standard deviation of the one-bar return, and the label distribution
-- MAGIC (0 = down, 1 = neutral, 2 = up; the label compares the forward return over `features.forecast_horizon_days`
-- MAGIC with `features.label_threshold`). `ann_vol` scales `std_ret_1d` by the square root of 252 and is meaningful for
-- MAGIC daily bars only. A symbol with a very low `neutral` share is volatile relative to the threshold; a very high one
-- MAGIC is quiet relative to it.

-- COMMAND ----------

SELECT
  symbol,
  count(*) AS n_rows,
  min(`date`) AS first_date,
  max(`date`) AS last_date,
  round(avg(ret_1d), 6) AS mean_ret_1d,
  round(stddev(ret_1d), 6) AS std_ret_1d,
  round(stddev(ret_1d) * sqrt(252), 4) AS ann_vol,
  round(avg(fwd_return), 6) AS mean_fwd_return,
  count_if(label = 0) AS n_down,
  count_if(label = 1) AS n_neutral,
  count_if(label = 2) AS n_up,
  round(count_if(label = 0) / count(*), 4) AS down_share,
  round(count_if(label = 1) / count(*), 4) AS neutral_share,
  round(count_if(label = 2) / count(*), 4) AS up_share
FROM features
GROUP BY symbol
ORDER BY symbol

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Features: label balance
-- MAGIC
-- MAGIC Over the whole lake, then by year. The majority class's share is the accuracy a constant predictor gets;
-- MAGIC the validation stage reports it per scope as `baseline_majority_accuracy`. Shifts of the balance from year
-- MAGIC to year are regime changes the student has to live with.

-- COMMAND ----------

SELECT
  label,
  CASE label WHEN 0 THEN 'down' WHEN 1 THEN 'neutral' WHEN 2 THEN 'up' ELSE 'unknown' END AS label_class,
  count(*) AS n_rows,
  round(count(*) / sum(count(*)) OVER (), 4) AS share,
  round(avg(fwd_return), 6) AS mean_fwd_return
FROM features
GROUP BY label
ORDER BY label

-- COMMAND ----------

SELECT
  year(`date`) AS label_year,
  count(*) AS n_rows,
  count(DISTINCT symbol) AS symbols,
  round(count_if(label = 0) / count(*), 4) AS down_share,
  round(count_if(label = 1) / count(*), 4) AS neutral_share,
  round(count_if(label = 2) / count(*), 4) AS up_share
FROM features
GROUP BY year(`date`)
ORDER BY label_year

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Release candidates: latest status per run
-- MAGIC
-- MAGIC `candidate_runs` is an append-only status history: each transition is a new row with the next `seq`.
-- MAGIC The current status of a run is its row with the highest `seq`.

-- COMMAND ----------

WITH ranked AS (
  SELECT
    *,
    row_number() OVER (PARTITION BY run_id ORDER BY seq DESC) AS rn,
    count(*) OVER (PARTITION BY run_id) AS transitions,
    min(ts) OVER (PARTITION BY run_id) AS registered_at
  FROM candidate_runs
)
SELECT
  run_id,
  status AS latest_status,
  from_status,
  `by` AS changed_by,
  ts AS status_since,
  registered_at,
  transitions,
  symbols,
  start_date,
  end_date,
  substr(config_fingerprint, 1, 12) AS config_fingerprint_prefix,
  note,
  briefing_path
FROM ranked
WHERE rn = 1
ORDER BY registered_at DESC, run_id DESC
LIMIT 50

-- COMMAND ----------

SELECT
  run_id,
  seq,
  ts,
  from_status,
  status,
  `by`,
  note
FROM candidate_runs
ORDER BY ts DESC, run_id DESC, seq DESC
LIMIT 100

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Target ranking: candidate targets by cross-validated skill
-- MAGIC
-- MAGIC Every candidate target (`label_3c_*`, `label_bin_*`, `fwd_return_*`) scored by purged, expanding-window
-- MAGIC cross-validation of a quick XGBoost, in both views. `score_mean` is skill over the majority-class baseline
-- MAGIC (adjusted balanced accuracy; rank IC for returns), `score_std` its spread across folds (CROSS_SECTIONAL) or
-- MAGIC symbols (SYMBOL_SPECIFIC). `chosen` marks the run's training target; a leakage rerun is a later `attempt_id`.

-- COMMAND ----------

SELECT run_id, attempt_id, `view`, `rank`, target, kind, horizon_days, threshold,
  round(score_mean, 4) AS score_mean, round(score_std, 4) AS score_std, folds, symbols, `rows`, chosen
FROM target_ranking
ORDER BY run_id DESC, attempt_id DESC, `view`, `rank`
LIMIT 100

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Feature selection: importances per attempt
-- MAGIC
-- MAGIC XGBoost gain, permutation importance (validation log-loss increase) and |Spearman| with the forward return,
-- MAGIC their ranks, the aggregate (mean) rank, and why a feature was not selected (correlated, below top_k, leak).

-- COMMAND ----------

SELECT run_id, attempt_id, `rank`, feature, selected, round(aggregate_rank, 2) AS aggregate_rank,
  round(gain, 3) AS gain, round(permutation, 5) AS permutation, round(target_spearman, 4) AS target_spearman,
  excluded_reason
FROM feature_selection
ORDER BY run_id DESC, attempt_id DESC, `rank` NULLS LAST

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Leakage guard: excluded features
-- MAGIC
-- MAGIC A cross-validated score or training accuracy above `safety.leakage_detection.auto_fix_thresholds` makes the
-- MAGIC guard look for features that see the future; each one excluded, with the score that triggered it. An empty
-- MAGIC result is the normal case.

-- COMMAND ----------

SELECT run_id, stage, attempt_id, feature, target, trigger,
  round(single_feature_score, 4) AS single_feature_score, round(future_return_spearman, 4) AS future_return_spearman, reason
FROM leakage_exclusions
ORDER BY run_id DESC, stage, attempt_id, feature

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Teachers: window outcomes per run
-- MAGIC
-- MAGIC One teacher is trained per symbol and window. A window is `skipped` (too few labelled rows, with the reason)
-- MAGIC or `failed` (with the error) instead of silently disappearing. Accuracies are averaged over successful
-- MAGIC windows only. Run ids start with the UTC start time, so sorting by `run_id` puts the newest run first.

-- COMMAND ----------

SELECT
  run_id,
  count(*) AS windows,
  count(DISTINCT symbol) AS symbols,
  count_if(status = 'success') AS succeeded,
  count_if(status = 'skipped') AS skipped,
  count_if(status = 'failed') AS failed,
  round(avg(validation_accuracy), 4) AS mean_validation_accuracy,
  round(avg(validation_macro_f1), 4) AS mean_validation_macro_f1,
  sum(train_rows) AS train_rows,
  sum(purged_rows) AS purged_rows,
  sum(validation_rows) AS validation_rows,
  round(sum(training_ms) / 1000.0, 1) AS task_seconds
FROM teacher_runs
GROUP BY run_id
ORDER BY run_id DESC

-- COMMAND ----------

-- MAGIC %md
-- MAGIC Why windows were skipped or failed, per run, with up to ten example symbols. An empty result means every
-- MAGIC window of every run trained. For a failure, `teacher_runs.error_message` and `stack_trace` hold the details.

-- COMMAND ----------

SELECT
  run_id,
  status,
  coalesce(reason, '(no reason recorded)') AS reason,
  coalesce(error_type, '') AS error_type,
  count(*) AS windows,
  count(DISTINCT symbol) AS symbols,
  concat_ws(', ', slice(array_sort(collect_set(symbol)), 1, 10)) AS example_symbols
FROM teacher_runs
WHERE status <> 'success'
GROUP BY run_id, status, reason, error_type
ORDER BY run_id DESC, windows DESC

-- COMMAND ----------

-- MAGIC %md
-- MAGIC Teacher quality per symbol in the latest run: symbols whose teachers are barely better than chance feed the
-- MAGIC student weak labels.

-- COMMAND ----------

SELECT
  symbol,
  count(*) AS windows,
  count_if(status = 'success') AS succeeded,
  round(avg(validation_accuracy), 4) AS mean_validation_accuracy,
  round(min(validation_accuracy), 4) AS min_validation_accuracy,
  round(avg(validation_macro_f1), 4) AS mean_validation_macro_f1,
  sum(validation_rows) AS validation_rows
FROM teacher_runs
WHERE run_id = (SELECT max(run_id) FROM teacher_runs)
GROUP BY symbol
ORDER BY mean_validation_accuracy ASC NULLS FIRST, symbol

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Student: test metrics per run
-- MAGIC
-- MAGIC Out-of-sample metrics of the cross-sectional student (`scope = 'student/test'`), pivoted to one row per run.
-- MAGIC `skill_margin` is accuracy minus the majority-class baseline; the release stage requires at least
-- MAGIC `release.min_skill_margin` before it can recommend approval.

-- COMMAND ----------

SELECT
  run_id,
  accuracy,
  baseline_majority_accuracy,
  round(accuracy - baseline_majority_accuracy, 4) AS skill_margin,
  macro_f1
FROM (
  SELECT run_id, metric, value
  FROM metrics
  WHERE scope = 'student/test'
    AND metric IN ('accuracy', 'macro_f1', 'baseline_majority_accuracy')
) AS student_test
PIVOT (
  max(value) FOR metric IN (
    'accuracy' AS accuracy,
    'macro_f1' AS macro_f1,
    'baseline_majority_accuracy' AS baseline_majority_accuracy
  )
)
ORDER BY run_id DESC

-- COMMAND ----------

-- MAGIC %md
-- MAGIC The same metrics side by side for the teachers' validation windows, the student's training span and its test
-- MAGIC span. A large train/test gap is overfitting; a test accuracy at the baseline is no skill.

-- COMMAND ----------

SELECT
  run_id,
  scope,
  max(CASE WHEN metric = 'accuracy' THEN value END) AS accuracy,
  max(CASE WHEN metric = 'baseline_majority_accuracy' THEN value END) AS baseline_majority_accuracy,
  max(CASE WHEN metric = 'macro_f1' THEN value END) AS macro_f1
FROM metrics
WHERE scope IN ('teacher/validation', 'student/train', 'student/test')
GROUP BY run_id, scope
ORDER BY run_id DESC, scope

-- COMMAND ----------

-- MAGIC %md
-- MAGIC Student training runs: sizes, time-ordered train and test spans, the hyperparameters that matter most (from
-- MAGIC the canonical JSON in `hyperparameters`) and the model file's SHA-256 prefix.

-- COMMAND ----------

SELECT
  run_id,
  model,
  status,
  train_rows,
  test_rows,
  size(feature_columns) AS n_features,
  train_start,
  train_end,
  test_start,
  test_end,
  get_json_object(hyperparameters, '$.max_depth') AS max_depth,
  get_json_object(hyperparameters, '$.eta') AS eta,
  get_json_object(hyperparameters, '$.num_round') AS num_round,
  get_json_object(hyperparameters, '$.device') AS device,
  seed,
  round(training_seconds, 1) AS training_seconds,
  substr(model_sha256, 1, 12) AS model_sha256_prefix
FROM student_runs
ORDER BY run_id DESC

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Student: test predictions
-- MAGIC
-- MAGIC Confusion matrix on the test span (rows: true label, columns: predicted class).

-- COMMAND ----------

SELECT
  run_id,
  label,
  CASE label WHEN 0 THEN 'down' WHEN 1 THEN 'neutral' WHEN 2 THEN 'up' ELSE 'unknown' END AS true_class,
  count_if(prediction = 0) AS predicted_down,
  count_if(prediction = 1) AS predicted_neutral,
  count_if(prediction = 2) AS predicted_up,
  count(*) AS n
FROM predictions
WHERE model = 'student' AND `split` = 'test'
GROUP BY run_id, label
ORDER BY run_id DESC, label

-- COMMAND ----------

-- MAGIC %md
-- MAGIC What the predicted classes were worth: hit rate and forward return per predicted class. A useful `up` call
-- MAGIC has a clearly positive mean and median forward return; compare with the label balance above.

-- COMMAND ----------

SELECT
  run_id,
  prediction,
  CASE prediction WHEN 0 THEN 'down' WHEN 1 THEN 'neutral' WHEN 2 THEN 'up' ELSE 'unknown' END AS predicted_class,
  count(*) AS n,
  round(avg(CASE WHEN prediction = label THEN 1.0 ELSE 0.0 END), 4) AS hit_rate,
  round(avg(fwd_return), 6) AS mean_fwd_return,
  round(percentile_approx(fwd_return, 0.5), 6) AS median_fwd_return
FROM predictions
WHERE model = 'student' AND `split` = 'test'
GROUP BY run_id, prediction
ORDER BY run_id DESC, prediction

-- COMMAND ----------

-- MAGIC %md
-- MAGIC Calibration: hit rate per confidence decile (`confidence` is the predicted class's probability). For a
-- MAGIC well-calibrated model `hit_rate` tracks `mean_confidence`.

-- COMMAND ----------

SELECT
  run_id,
  floor(confidence * 10) / 10 AS confidence_from,
  count(*) AS n,
  round(avg(confidence), 4) AS mean_confidence,
  round(avg(CASE WHEN prediction = label THEN 1.0 ELSE 0.0 END), 4) AS hit_rate
FROM predictions
WHERE model = 'student' AND `split` = 'test'
GROUP BY run_id, floor(confidence * 10) / 10
ORDER BY run_id DESC, confidence_from

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Reward loop: A/B students
-- MAGIC
-- MAGIC `rewards` holds one row per prediction of a run with `reward = clip(sign(class) * sign(r) * |r|)` (class down -1,
-- MAGIC neutral 0, up +1; `r` the realised forward return). Teacher rows that trained the reward student also carry
-- MAGIC `reward_batch`, `reward_decay` and `reward_weight`. Out of sample means the teachers' `validation` rows and the
-- MAGIC students' `test` rows; the validation stage writes the same figures to `metrics` (`reward/<model>/overall`,
-- MAGIC `reward/<model>/<SYMBOL>`) and the A/B differences (`ab/student_reward_vs_student/test`).

-- COMMAND ----------

SELECT
  run_id,
  model,
  `split`,
  count(reward) AS n,
  round(avg(reward), 6) AS reward_mean,
  round(sum(reward), 4) AS reward_cumulative,
  round(stddev_samp(reward), 6) AS reward_volatility,
  count_if(reward > 0) AS n_positive,
  count_if(reward < 0) AS n_negative,
  count_if(reward = 0) AS n_neutral,
  round(count_if(reward > 0) / nullif(count_if(reward <> 0), 0), 4) AS win_rate,
  round(avg(reward_weight), 4) AS mean_training_weight
FROM rewards
GROUP BY run_id, model, `split`
ORDER BY run_id DESC, model, `split`

-- COMMAND ----------

SELECT
  run_id,
  metric,
  max(CASE WHEN scope = 'student/test' THEN value END) AS student,
  max(CASE WHEN scope = 'student_reward/test' THEN value END) AS student_reward,
  max(CASE WHEN scope = 'ab/student_reward_vs_student/test' THEN value END) AS difference
FROM (
  SELECT run_id, scope, metric, value FROM metrics
  UNION ALL
  SELECT run_id, replace(replace(scope, 'reward/', ''), '/overall', '/test') AS scope, metric, value FROM metrics
  WHERE scope IN ('reward/student/overall', 'reward/student_reward/overall')
)
WHERE scope IN ('student/test', 'student_reward/test', 'ab/student_reward_vs_student/test')
  AND metric IN ('accuracy', 'macro_precision', 'macro_recall', 'macro_f1', 'reward_mean', 'reward_cumulative',
                 'reward_volatility', 'win_rate')
GROUP BY run_id, metric
ORDER BY run_id DESC, metric

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Audit trail: Delta history and stage snapshots
-- MAGIC
-- MAGIC Every write by a pipeline stage carries the stage's snapshot as the Delta commit's `userMetadata`: a JSON
-- MAGIC object with `schema_version`, `run_id`, `stage`, `table`, `config_fingerprint`, `base_seed`, `code_version`,
-- MAGIC `input_versions` (table to the Delta version read), `row_counts` and `details`. `DESCRIBE HISTORY` shows the
-- MAGIC raw JSON in its `userMetadata` column:

-- COMMAND ----------

DESCRIBE HISTORY delta.`${lake_root}/features`

-- COMMAND ----------

-- MAGIC %md
-- MAGIC Open-source Spark SQL cannot use `DESCRIBE HISTORY` as a subquery (and Delta 3.3 has no table-valued function
-- MAGIC for history), so the snapshot cannot be parsed with `from_json` / `get_json_object` in SQL here. To see the
-- MAGIC snapshot fields parsed, use the CLI:
-- MAGIC
-- MAGIC ```
-- MAGIC deploy/bin/sensequant history --table features --lake <lake root>          # one block per commit
-- MAGIC deploy/bin/sensequant history --table features --lake <lake root> --json   # one JSON object per commit
-- MAGIC ```
-- MAGIC
-- MAGIC Replace `features` with any table name (`ohlcv`, `teacher_runs`, `student_runs`, `predictions`, `metrics`,
-- MAGIC `candidate_runs`). In a Scala or Python cell, `io.delta.tables.DeltaTable.forPath(spark, path).history()`
-- MAGIC returns the same history as a DataFrame, whose `userMetadata` column `from_json` can parse.
-- MAGIC
-- MAGIC ## Time travel
-- MAGIC
-- MAGIC `input_versions` names the exact table versions a stage read; `VERSION AS OF` re-reads them. The cell below
-- MAGIC compares the first version of `features` with the current one.

-- COMMAND ----------

SELECT 'version 0' AS read_as, count(*) AS n_rows, count(DISTINCT symbol) AS symbols, min(`date`) AS first_date, max(`date`) AS last_date
FROM delta.`${lake_root}/features` VERSION AS OF 0
UNION ALL
SELECT 'latest' AS read_as, count(*) AS n_rows, count(DISTINCT symbol) AS symbols, min(`date`) AS first_date, max(`date`) AS last_date
FROM features
