package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.accel.AccelChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "accel", description = "Show which accelerator (KVM or TCG) instances use, and what serves nitro NICs, and why.")
final class AccelCommand extends Ec2Command {
    @Option(names = "--reprobe", description = "forget the cached answer and probe again")
    boolean reprobe;

    @Override
    String operation() {
        return "Accel";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        AccelChoice c = reprobe ? labvisor.reprobeAccel() : labvisor.accel();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("Accelerator", c.accelerator().label());
        root.put("DomainType", c.accelerator().domainType());
        root.put("Source", c.source());
        root.put("Reason", c.reason());
        // The other host-dependent choice: what serves nitro NICs (kernel vhost-net or a DPDK vhost-user card).
        var card = labvisor.cards().networkCard();
        root.put("NitroNetworkCard", card.kind().label());
        root.put("NitroNetworkCardReason", card.reason());
        return root;
    }
}
