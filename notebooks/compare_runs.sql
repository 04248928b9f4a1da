-- Databricks notebook source
-- MAGIC %md
-- MAGIC # SenseQuant: compare runs
-- MAGIC
-- MAGIC Read-only queries that compare two runs commit by commit, from the flattened stage snapshots in `snapshot_index`,
-- MAGIC the transitions in `run_context` and the scores in `metrics` (README, "Reproducibility" and "Snapshot schema").
-- MAGIC Nothing here writes to the lake.
-- MAGIC
-- MAGIC **Setup.** Set `lake_root` to the lake's root (any path the cluster can read, as in `lake_explorer.sql`), and
-- MAGIC `run_a` and `run_b` to the two run ids to compare (`run_<UTC start>_<6 hex>`; the first query below lists
-- MAGIC them). Leave `run_a` and `run_b` empty to compare the two most recent runs in `snapshot_index` (`run_a` the older).
-- MAGIC The cells register temporary views; re-run them after changing a widget, because a view keeps the widget
-- MAGIC values it was created with.
-- MAGIC
-- MAGIC **Comparable and identical.** Every stage commit carries an identity: six signatures (SHA-256 of canonical JSON
-- MAGIC of the dataset, target, features, hyperparameters, split and routing) and the training seed (`train_seed`, the
-- MAGIC run's `base_seed`). Two commits are
-- MAGIC
-- MAGIC - **comparable** when their `replicate_key` is equal: the same signatures, the seed aside. Runs that differ only
-- MAGIC   by seed are replicates; the spread of their scores is the cross-seed stability of the result;
-- MAGIC - **identical** when their `strict_key` (the signatures and the seed) is equal and so is every fingerprint the
-- MAGIC   stage records (model files, predictions, metrics, artifacts manifest, feature inputs and outputs). Two runs
-- MAGIC   through `deploy/bin/run-deterministic` on the same data should be identical commit for commit.
-- MAGIC
-- MAGIC `comparable_key` is stricter than `replicate_key`: it adds the effective sample size (`n_effective`) and the
-- MAGIC versions of SenseQuant, Spark and XGBoost4J, so scores with the same `comparable_key` were computed on the same
-- MAGIC number of rows by the same libraries.
-- MAGIC
-- MAGIC `snapshot_index` is appended once per run, when the run ends or fails; a run that is still going, or was killed,
-- MAGIC has no rows there yet (its transitions are in `run_context`). Every SQL cell holds exactly one statement.

-- COMMAND ----------

CREATE WIDGET TEXT lake_root DEFAULT './lake'

-- COMMAND ----------

CREATE WIDGET TEXT run_a DEFAULT ''

-- COMMAND ----------

CREATE WIDGET TEXT run_b DEFAULT ''

-- COMMAND ----------

-- MAGIC %md
-- MAGIC The pipeline runs its Spark sessions in `Asia/Kolkata` (`spark.session_time_zone` in `conf/pipeline.yaml`); the
-- MAGIC same session time zone here shows `run_context.recorded_at` as the run's console did.

-- COMMAND ----------

SET TIME ZONE 'Asia/Kolkata'

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Register the tables as views

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW snapshot_index AS SELECT * FROM delta.`${lake_root}/snapshot_index`

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW run_context AS SELECT * FROM delta.`${lake_root}/run_context`

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW metrics AS SELECT * FROM delta.`${lake_root}/metrics`

-- COMMAND ----------

-- MAGIC %md
-- MAGIC The two runs to compare: the widgets, or the two most recent runs of `snapshot_index` where a widget is empty.

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW chosen_runs AS
WITH recent AS (
  SELECT run_id, row_number() OVER (ORDER BY run_id DESC) AS recency
  FROM (SELECT DISTINCT run_id FROM snapshot_index) AS indexed
)
SELECT
  coalesce(nullif('${run_a}', ''), (SELECT run_id FROM recent WHERE recency = 2)) AS run_a,
  coalesce(nullif('${run_b}', ''), (SELECT run_id FROM recent WHERE recency = 1)) AS run_b

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Recent runs
-- MAGIC
-- MAGIC One row per run from `run_context`: when it started (`RUN_STARTED`) and ended (`RUN_COMPLETED` or `RUN_FAILED`),
-- MAGIC its first and last transition, the stage it was last in, failed stages and leakage reruns (`ATTEMPT`), and
-- MAGIC its config fingerprint (SHA-256 of the effective config). A run with `outcome` 'no end recorded' is still
-- MAGIC going or was killed; `current_stage` says where it stopped. `sensequant ingest` and `sensequant features` are
-- MAGIC runs of their own, with one stage each. `compared_as` marks the runs chosen above.

-- COMMAND ----------

SELECT
  r.run_id,
  CASE r.run_id WHEN c.run_a THEN 'run_a' WHEN c.run_b THEN 'run_b' END AS compared_as,
  min(CASE WHEN r.event = 'RUN_STARTED' THEN r.recorded_at END) AS started_at,
  max(CASE WHEN r.event IN ('RUN_COMPLETED', 'RUN_FAILED') THEN r.recorded_at END) AS ended_at,
  coalesce(max(CASE WHEN r.event IN ('RUN_COMPLETED', 'RUN_FAILED') THEN r.event END), 'no end recorded') AS outcome,
  concat_ws(' ', min_by(r.event, r.seq), min_by(r.stage, r.seq)) AS first_transition,
  concat_ws(' ', max_by(r.event, r.seq), max_by(r.stage, r.seq)) AS last_transition,
  max_by(r.current_stage, r.seq) AS current_stage,
  count(*) AS transitions,
  count_if(r.event = 'STAGE_FAILED') AS failed_stages,
  count_if(r.event = 'ATTEMPT') AS reruns,
  max(CASE WHEN r.event = 'RUN_STARTED' THEN size(r.symbols) END) AS symbols,
  substr(max_by(r.config_fingerprint, r.seq), 1, 12) AS config_fingerprint_prefix,
  max_by(r.code_version, r.seq) AS code_version
FROM run_context AS r
CROSS JOIN chosen_runs AS c
GROUP BY r.run_id, c.run_a, c.run_b
ORDER BY r.run_id DESC
LIMIT 50

-- COMMAND ----------

-- MAGIC %md
-- MAGIC The transitions of the two runs, in order: each stage's start, completion or failure (with the reason), the
-- MAGIC reruns of a stage inside the run, and the run's end.

-- COMMAND ----------

SELECT
  CASE r.run_id WHEN c.run_a THEN 'run_a' ELSE 'run_b' END AS compared_as,
  r.run_id,
  r.seq,
  r.event,
  r.stage,
  r.attempt_id,
  r.recorded_at,
  round(r.seconds, 1) AS seconds,
  r.table_versions,
  r.reason
FROM run_context AS r
JOIN chosen_runs AS c ON r.run_id IN (c.run_a, c.run_b)
ORDER BY compared_as, r.seq

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Commit by commit
-- MAGIC
-- MAGIC Pairs the commits of the two runs: the n-th commit (in `snapshot_seq` order) of a stage, table and attempt in
-- MAGIC `run_a` with the n-th of the same stage, table and attempt in `run_b`. Each side is kept whole as a struct
-- MAGIC (`a`, `b`: every column of `snapshot_index`); `same_fingerprints` is true when every fingerprint is equal or
-- MAGIC absent on both sides. Ingest commits once per batch of chunks, and a run that finds its chunks already in the
-- MAGIC lake commits no bars at all, so `INGEST` rows often exist in one run only.

-- COMMAND ----------

CREATE OR REPLACE TEMP VIEW commit_pairs AS
WITH a AS (
  SELECT s.*, row_number() OVER (PARTITION BY s.stage, s.table_name, s.attempt_id ORDER BY s.snapshot_seq) AS ordinal
  FROM snapshot_index AS s
  JOIN chosen_runs AS c ON s.run_id = c.run_a
),
b AS (
  SELECT s.*, row_number() OVER (PARTITION BY s.stage, s.table_name, s.attempt_id ORDER BY s.snapshot_seq) AS ordinal
  FROM snapshot_index AS s
  JOIN chosen_runs AS c ON s.run_id = c.run_b
)
SELECT
  coalesce(a.stage, b.stage) AS stage,
  coalesce(a.table_name, b.table_name) AS table_name,
  coalesce(a.attempt_id, b.attempt_id) AS attempt_id,
  coalesce(a.ordinal, b.ordinal) AS ordinal,
  coalesce(a.snapshot_seq, b.snapshot_seq) AS sort_seq,
  a.model_artifact_sha256 <=> b.model_artifact_sha256
    AND a.predictions_sha256 <=> b.predictions_sha256
    AND a.metrics_sha256 <=> b.metrics_sha256
    AND a.artifacts_manifest_sha256 <=> b.artifacts_manifest_sha256
    AND a.feature_fingerprint_input <=> b.feature_fingerprint_input
    AND a.feature_fingerprint_output <=> b.feature_fingerprint_output AS same_fingerprints,
  struct(a.*) AS a,
  struct(b.*) AS b
FROM a
FULL OUTER JOIN b
  ON a.stage = b.stage AND a.table_name = b.table_name AND a.attempt_id = b.attempt_id AND a.ordinal = b.ordinal

-- COMMAND ----------

-- MAGIC %md
-- MAGIC Side by side. `verdict`:
-- MAGIC
-- MAGIC | verdict | meaning |
-- MAGIC |---|---|
-- MAGIC | `identical` | same `strict_key` and every fingerprint equal: the same output, bit for bit |
-- MAGIC | `same identity, outputs differ` | same `strict_key` but a fingerprint differs: the same signatures and seed gave different output. With `same_config` true that is nondeterminism (threads, partitioning, library versions: compare `same_comparable_key`, and run both through `deploy/bin/run-deterministic`); with `same_config` false, a setting that no signature covers changed |
-- MAGIC | `comparable (seed differs)` | same `replicate_key`, different `strict_key`: replicates of one experiment under different seeds |
-- MAGIC | `different identity` | a signature differs (next query: which one) |
-- MAGIC | `only in run_a`, `only in run_b` | the other run has no such commit |
-- MAGIC
-- MAGIC A `same_<fingerprint>` column is empty where a commit has no partner or neither commit records that fingerprint
-- MAGIC (README, "Snapshot schema", lists which stage records which). `same_config` compares the config fingerprints (the
-- MAGIC whole effective config): two commits can be identical under different configs when the difference touches nothing
-- MAGIC the stage depends on (a path, say).

-- COMMAND ----------

SELECT
  stage,
  table_name,
  attempt_id,
  ordinal,
  a.version AS version_a,
  b.version AS version_b,
  CASE
    WHEN a.run_id IS NULL THEN 'only in run_b'
    WHEN b.run_id IS NULL THEN 'only in run_a'
    WHEN a.strict_key = b.strict_key AND same_fingerprints THEN 'identical'
    WHEN a.strict_key = b.strict_key THEN 'same identity, outputs differ'
    WHEN a.replicate_key = b.replicate_key THEN 'comparable (seed differs)'
    ELSE 'different identity'
  END AS verdict,
  a.replicate_key = b.replicate_key AS same_replicate_key,
  a.strict_key = b.strict_key AS same_strict_key,
  a.comparable_key = b.comparable_key AS same_comparable_key,
  a.config_fingerprint = b.config_fingerprint AS same_config,
  CASE WHEN a.run_id IS NOT NULL AND b.run_id IS NOT NULL AND coalesce(a.model_artifact_sha256, b.model_artifact_sha256) IS NOT NULL
    THEN a.model_artifact_sha256 <=> b.model_artifact_sha256 END AS same_model_artifact_sha256,
  CASE WHEN a.run_id IS NOT NULL AND b.run_id IS NOT NULL AND coalesce(a.predictions_sha256, b.predictions_sha256) IS NOT NULL
    THEN a.predictions_sha256 <=> b.predictions_sha256 END AS same_predictions_sha256,
  CASE WHEN a.run_id IS NOT NULL AND b.run_id IS NOT NULL AND coalesce(a.metrics_sha256, b.metrics_sha256) IS NOT NULL
    THEN a.metrics_sha256 <=> b.metrics_sha256 END AS same_metrics_sha256,
  CASE WHEN a.run_id IS NOT NULL AND b.run_id IS NOT NULL AND coalesce(a.artifacts_manifest_sha256, b.artifacts_manifest_sha256) IS NOT NULL
    THEN a.artifacts_manifest_sha256 <=> b.artifacts_manifest_sha256 END AS same_artifacts_manifest_sha256,
  CASE WHEN a.run_id IS NOT NULL AND b.run_id IS NOT NULL AND coalesce(a.feature_fingerprint_input, b.feature_fingerprint_input) IS NOT NULL
    THEN a.feature_fingerprint_input <=> b.feature_fingerprint_input END AS same_feature_fingerprint_input,
  CASE WHEN a.run_id IS NOT NULL AND b.run_id IS NOT NULL AND coalesce(a.feature_fingerprint_output, b.feature_fingerprint_output) IS NOT NULL
    THEN a.feature_fingerprint_output <=> b.feature_fingerprint_output END AS same_feature_fingerprint_output,
  a.n_effective AS n_effective_a,
  b.n_effective AS n_effective_b
FROM commit_pairs
ORDER BY sort_seq, stage, table_name, attempt_id, ordinal

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Which signatures differ
-- MAGIC
-- MAGIC For every pair of commits whose `strict_key` differs, the signatures (and the seed) that are not equal, with the
-- MAGIC seeds and any signature a side could not compute (`missing_*`). A signature missing on one side and present on the
-- MAGIC other counts as different. What each signature covers is in the README ("Run identity"): `dataset_signature` for
-- MAGIC other bars or another Delta version of `ohlcv`, `target_signature` for another target, `feature_signature` for
-- MAGIC other feature definitions or model inputs, `hparams_signature` for other hyperparameters or fit settings,
-- MAGIC `split_signature` for other split or fold boundaries, `routing_signature` for another view, symbol or batch.

-- COMMAND ----------

SELECT
  stage,
  table_name,
  attempt_id,
  ordinal,
  filter(array(
    IF(a.dataset_signature <=> b.dataset_signature, NULL, 'dataset_signature'),
    IF(a.target_signature <=> b.target_signature, NULL, 'target_signature'),
    IF(a.feature_signature <=> b.feature_signature, NULL, 'feature_signature'),
    IF(a.hparams_signature <=> b.hparams_signature, NULL, 'hparams_signature'),
    IF(a.split_signature <=> b.split_signature, NULL, 'split_signature'),
    IF(a.routing_signature <=> b.routing_signature, NULL, 'routing_signature'),
    IF(a.train_seed <=> b.train_seed, NULL, 'train_seed')
  ), x -> x IS NOT NULL) AS differing,
  a.train_seed AS train_seed_a,
  b.train_seed AS train_seed_b,
  a.missing_signatures AS missing_a,
  b.missing_signatures AS missing_b
FROM commit_pairs
WHERE a.run_id IS NOT NULL AND b.run_id IS NOT NULL AND NOT (a.strict_key <=> b.strict_key)
ORDER BY sort_seq, stage, table_name, attempt_id, ordinal

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Metric deltas
-- MAGIC
-- MAGIC Every metric of the two runs, joined on (stage, scope, metric); `delta` is run_b − run_a, largest first, and
-- MAGIC metrics that only one run has come first. Scores are comparable only under the same `scoring_schema_version`
-- MAGIC (the version of the metric and scope definitions); `same_scoring_schema` says whether they are.

-- COMMAND ----------

WITH a AS (
  SELECT m.* FROM metrics AS m JOIN chosen_runs AS c ON m.run_id = c.run_a
),
b AS (
  SELECT m.* FROM metrics AS m JOIN chosen_runs AS c ON m.run_id = c.run_b
)
SELECT
  coalesce(a.stage, b.stage) AS stage,
  coalesce(a.scope, b.scope) AS scope,
  coalesce(a.metric, b.metric) AS metric,
  round(a.value, 6) AS value_a,
  round(b.value, 6) AS value_b,
  round(b.value - a.value, 6) AS delta,
  a.scoring_schema_version = b.scoring_schema_version AS same_scoring_schema
FROM a
FULL OUTER JOIN b ON a.stage = b.stage AND a.scope = b.scope AND a.metric = b.metric
ORDER BY abs(b.value - a.value) DESC NULLS FIRST, stage, scope, metric

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Cross-seed replicate groups
-- MAGIC
-- MAGIC All runs of the lake grouped by the `replicate_key` of their student (the `TRAINING` commit to `student_runs`,
-- MAGIC latest attempt): runs in one group trained the same student on the same data, target, features,
-- MAGIC hyperparameters, split and routing, and differ at most by seed. `seeds` counts the distinct training seeds; the
-- MAGIC spread of the student's test accuracy (`student/test`, from `metrics`) across them is the result's cross-seed
-- MAGIC stability. A group with one seed and several runs is a set of repeats, which strict mode is there to make
-- MAGIC identical; `scoring_schemas` above 1 means some accuracies are not comparable.

-- COMMAND ----------

WITH student AS (
  SELECT
    run_id,
    replicate_key,
    train_seed,
    row_number() OVER (PARTITION BY run_id ORDER BY attempt_id DESC, snapshot_seq DESC) AS rn
  FROM snapshot_index
  WHERE stage = 'TRAINING' AND table_name = 'student_runs' AND replicate_key IS NOT NULL
),
test_accuracy AS (
  SELECT run_id, value AS accuracy, scoring_schema_version
  FROM metrics
  WHERE stage = 'VALIDATION' AND scope = 'student/test' AND metric = 'accuracy'
)
SELECT
  substr(s.replicate_key, 1, 12) AS replicate_key_prefix,
  count(DISTINCT s.run_id) AS runs,
  count(DISTINCT s.train_seed) AS seeds,
  array_sort(collect_set(s.train_seed)) AS train_seeds,
  count(t.accuracy) AS runs_with_accuracy,
  count(DISTINCT t.scoring_schema_version) AS scoring_schemas,
  round(avg(t.accuracy), 4) AS mean_test_accuracy,
  round(stddev_samp(t.accuracy), 4) AS stddev_test_accuracy,
  round(min(t.accuracy), 4) AS min_test_accuracy,
  round(max(t.accuracy), 4) AS max_test_accuracy,
  round(max(t.accuracy) - min(t.accuracy), 4) AS range_test_accuracy,
  max(s.run_id) AS latest_run
FROM student AS s
LEFT JOIN test_accuracy AS t ON s.run_id = t.run_id
WHERE s.rn = 1
GROUP BY s.replicate_key
ORDER BY runs DESC, latest_run DESC

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Incomplete identities
-- MAGIC
-- MAGIC Commits whose identity lacks a signature its stage requires (`identity.required` in `conf/identity.yaml`),
-- MAGIC per run and stage. They were written in relaxed or legacy mode (strict mode stops the stage before it writes);
-- MAGIC their keys cover only the signatures that exist, so they can look comparable or identical when they are not.
-- MAGIC An empty result is the normal case.

-- COMMAND ----------

SELECT
  run_id,
  stage,
  identity_mode,
  count(*) AS commits,
  concat_ws(', ', array_sort(collect_set(table_name))) AS tables,
  array_sort(array_distinct(flatten(collect_list(missing_signatures)))) AS missing_signatures,
  min(snapshot_seq) AS first_seq
FROM snapshot_index
WHERE size(missing_signatures) > 0
GROUP BY run_id, stage, identity_mode
ORDER BY run_id DESC, first_seq
