package io.labvisor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.cli.output.OutputFormat;
import io.labvisor.cli.output.Renderer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RendererTest {
    private final JsonNode response;

    RendererTest() throws Exception {
        response = new ObjectMapper().readTree(
                "{\"Reservations\":[{\"ReservationId\":\"r-1\",\"Instances\":[{\"InstanceId\":\"i-1\","
                        + "\"State\":{\"Code\":16,\"Name\":\"running\"}}]}]}");
    }

    @Test
    void textOutputHasOneLinePerObjectHeadedByItsKey() {
        String text = Renderer.render(response, OutputFormat.text, "DescribeInstances");
        assertEquals("RESERVATIONS\tr-1\nINSTANCES\ti-1\nSTATE\t16\trunning", text);
    }

    @Test
    void jsonOutputUsesFourSpaces() {
        String json = Renderer.render(response, OutputFormat.json, "DescribeInstances");
        assertTrue(json.contains("\n    \"Reservations\""), json);
    }

    @Test
    void tableOutputIsBoxedAndTitled() {
        String table = Renderer.render(response, OutputFormat.table, "DescribeInstances");
        assertTrue(table.startsWith("-"), table);
        assertTrue(table.contains("[DescribeInstances]"), table);
        assertTrue(table.contains("InstanceId | i-1"), table);
    }
}
