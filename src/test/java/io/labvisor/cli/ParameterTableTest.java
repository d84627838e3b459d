package io.labvisor.cli;

import io.labvisor.operation.AllOperations;
import io.labvisor.operation.Members;
import io.labvisor.operation.Operation;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's options against the operations' parameter tables: every EC2 operation has its verb, and every
 * option of a verb is the AWS CLI's option of a request member (kebab case of its name), but the few conveniences
 * the AWS CLI itself adds. The Query API reads the same table, so the two doors name a parameter once.
 */
class ParameterTableTest {
    /** Options the AWS CLI offers beyond the model's members, which labvisor's verbs map onto members. */
    private static final Map<String, Set<String>> CONVENIENCES = Map.of(
            "RunInstances", Set.of("--count"),
            "AuthorizeSecurityGroupIngress", Set.of("--protocol", "--port", "--cidr", "--source-group"),
            "RevokeSecurityGroupIngress", Set.of("--protocol", "--port", "--cidr", "--source-group"),
            "AuthorizeSecurityGroupEgress", Set.of("--protocol", "--port", "--cidr", "--source-group"),
            "RevokeSecurityGroupEgress", Set.of("--protocol", "--port", "--cidr", "--source-group"));
    /** Every verb's: the output format and labvisor's own, inherited from the top, and DryRun. */
    private static final Set<String> COMMON = Set.of("--output", "--accel", "--debug", "--dry-run", "--help",
            "--version");

    private static Map<String, OperationCommand> verbsByOperation() {
        Map<String, OperationCommand> out = new TreeMap<>();
        for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
            if (sub.getCommand() instanceof OperationCommand c) {
                out.put(c.operation(), c);
            }
        }
        return out;
    }

    @Test
    void everyOperationHasItsVerbAndEveryVerbItsOperation() {
        Set<String> operations = AllOperations.list().stream().map(Operation::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(operations, verbsByOperation().keySet());
    }

    @Test
    void everyOptionIsARequestMembersAwsCliOption() {
        Map<String, Operation<?, ?>> byName = AllOperations.list().stream()
                .collect(Collectors.toMap(Operation::name, o -> o));
        List<String> problems = new ArrayList<>();
        verbsByOperation().forEach((name, verb) -> {
            List<Members.RequestMember> members = Members.request(byName.get(name).requestType());
            Set<String> declared = new TreeSet<>();
            for (OptionSpec o : CommandLine.Model.CommandSpec.forAnnotatedObject(verb).options()) {
                declared.addAll(List.of(o.names()));
                boolean member = members.stream().anyMatch(m -> List.of(o.names()).contains(m.cliOption()));
                boolean common = List.of(o.names()).stream().anyMatch(COMMON::contains);
                boolean convenience = CONVENIENCES.getOrDefault(name, Set.of()).contains(o.longestName());
                if (!member && !common && !convenience) {
                    problems.add(name + ": " + o.longestName() + " is no member's option");
                }
            }
            for (Members.RequestMember m : members) {
                if (!m.queryOnly() && !declared.contains(m.cliOption())
                        && !(name.equals("RunInstances") && m.member().endsWith("Count"))) {
                    problems.add(name + ": no option " + m.cliOption() + " for " + m.member());
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void aMembersOptionIsItsNameInKebabCase() {
        assertEquals("--volume-ids", Members.kebab("VolumeIds"));
        assertEquals("--max-results", Members.kebab("MaxResults"));
        assertEquals("--include-all-instances", Members.kebab("IncludeAllInstances"));
        assertTrue(Members.kebab("IoProfile").equals("--io-profile"));
    }
}
