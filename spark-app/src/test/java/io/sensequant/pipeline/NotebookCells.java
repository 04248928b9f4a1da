package io.sensequant.pipeline;

import java.util.ArrayList;
import java.util.List;

/** Splits a Databricks source-format SQL notebook into its SQL cells (markdown and widget cells left out). */
final class NotebookCells {
    private NotebookCells() {
    }

    static List<String> sql(String notebook) {
        List<String> cells = new ArrayList<>();
        for (String cell : notebook.split("(?m)^-- COMMAND ----------\\s*$")) {
            StringBuilder sql = new StringBuilder();
            for (String line : cell.split("\n")) {
                if (line.startsWith("-- Databricks notebook source") || line.startsWith("-- MAGIC")) {
                    continue;
                }
                sql.append(line).append('\n');
            }
            String statement = sql.toString().strip();
            boolean onlyComments = statement.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"));
            if (!onlyComments && !statement.toUpperCase().startsWith("CREATE WIDGET")) {
                cells.add(statement);
            }
        }
        return cells;
    }
}
