package io.labvisor.cli.output;

/** The AWS CLI's --output choices. */
public enum OutputFormat {
    json, table, text
}
