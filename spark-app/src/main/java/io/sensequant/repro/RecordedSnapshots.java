package io.sensequant.repro;

import io.sensequant.snapshot.Stage;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.DeltaCommits;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;

import java.util.List;

import static org.apache.spark.sql.functions.col;

/** A run's stage commits as {@code snapshot_index} holds them, in commit order (snapshot_seq). */
public final class RecordedSnapshots {
    private RecordedSnapshots() {
    }

    public static List<DeltaCommits.Committed> of(Lake lake, String runId, Stage stage) {
        if (!lake.exists(LakeTable.SNAPSHOT_INDEX)) {
            return List.of();
        }
        return lake.read(LakeTable.SNAPSHOT_INDEX)
                .where(col("run_id").equalTo(runId).and(col("stage").equalTo(stage.name())))
                .orderBy("snapshot_seq").select("table_name", "version", "snapshot_json").collectAsList().stream()
                .map(r -> new DeltaCommits.Committed(r.getString(0), r.getLong(1), StageSnapshot.fromJson(r.getString(2))))
                .toList();
    }
}
