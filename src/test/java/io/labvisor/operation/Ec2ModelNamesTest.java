package io.labvisor.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labvisor.operation.Members.RequestMember;
import io.labvisor.operation.Members.ResponseMember;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The parameter tables and response shapes against EC2's service model as botocore ships it (an excerpt under
 * test resources: the operations labvisor offers and the shapes they reach). Every request member is a member of
 * the operation's input with the model's Query name; every response member is a member of the model's shape with
 * its {@code locationName} as XML element; {@code xmlOnly} is only what the model has no member for. labvisor's own
 * additions are named below.
 */
class Ec2ModelNamesTest {
    /** labvisor's own request members: how to boot (IoProfile) and a manifest on the host (ManifestPath). */
    private static final Set<String> LABVISOR_PARAMETERS = Set.of("RunInstances.IoProfile",
            "RegisterImage.ManifestPath");
    /** labvisor's own response member: how a resource is built on this host. */
    private static final String LABVISOR_MEMBER = "Labvisor";

    private static JsonNode model;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = Ec2ModelNamesTest.class.getResourceAsStream("/botocore/ec2-2016-11-15-labvisor.json")) {
            model = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void requestMembersAreTheModelsWithItsQueryNames() {
        List<String> problems = new ArrayList<>();
        for (Operation<?, ?> op : AllOperations.list()) {
            JsonNode input = shape(model.at("/operations/" + op.name() + "/input/shape").asText());
            for (RequestMember m : Members.request(op.requestType())) {
                JsonNode member = input.path("members").path(m.member());
                if (member.isMissingNode()) {
                    if (!LABVISOR_PARAMETERS.contains(op.name() + "." + m.member())) {
                        problems.add(op.name() + ": " + m.member() + " is not in the model");
                    }
                    continue;
                }
                String expected = queryName(m.member(), member);
                boolean structure = shape(member.path("shape").asText()).path("type").asText().equals("structure");
                if (!m.query().equals(expected) && !(structure && m.query().startsWith(expected + "."))) {
                    problems.add(op.name() + "." + m.member() + ": Query name " + m.query() + ", model " + expected);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void responseMembersAreTheModelsWithItsXmlNames() {
        List<String> problems = new ArrayList<>();
        for (Operation<?, ?> op : AllOperations.list()) {
            JsonNode output = model.at("/operations/" + op.name() + "/output/shape");
            response(op.name(), op.responseType(), output.isMissingNode() ? null : shape(output.asText()), problems);
        }
        assertEquals(List.of(), problems);
    }

    private static void response(String path, Class<?> type, JsonNode shape, List<String> problems) {
        for (ResponseMember m : Members.response(type.asSubclass(Record.class))) {
            if (m.json().equals(LABVISOR_MEMBER)) {
                continue;
            }
            JsonNode member = shape == null ? null : shape.path("members").get(m.json());
            if (m.xmlOnly()) {
                if (member != null) {
                    problems.add(path + "." + m.json() + " is in the model: the AWS CLI shows it, it is not XML only");
                }
                continue;
            }
            if (member == null) {
                problems.add(path + "." + m.json() + " is not in the model");
                continue;
            }
            String xml = member.has("locationName") ? member.get("locationName").asText() : m.json();
            if (!xml.equals(m.xml())) {
                problems.add(path + "." + m.json() + ": XML " + m.xml() + ", model " + xml);
            }
            JsonNode target = shape(member.get("shape").asText());
            Type generic = m.component().getGenericType();
            if (generic instanceof ParameterizedType p) {
                JsonNode item = target.path("member");
                if (!item.path("locationName").asText("item").equals("item")) {
                    problems.add(path + "." + m.json() + ": list items are " + item.get("locationName"));
                }
                if (p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
                    response(path + "." + m.json(), c, shape(item.get("shape").asText()), problems);
                }
            } else if (m.component().getType().isRecord()) {
                response(path + "." + m.json(), m.component().getType(), target, problems);
            }
        }
    }

    /** EC2's Query name of an input member: queryName, else locationName capitalized, else the member name. */
    private static String queryName(String name, JsonNode member) {
        if (member.has("queryName")) {
            return member.get("queryName").asText();
        }
        if (member.has("locationName")) {
            String l = member.get("locationName").asText();
            return Character.toUpperCase(l.charAt(0)) + l.substring(1);
        }
        return name;
    }

    private static JsonNode shape(String name) {
        return model.path("shapes").path(name);
    }
}
