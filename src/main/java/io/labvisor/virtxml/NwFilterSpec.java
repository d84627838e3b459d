package io.labvisor.virtxml;

import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A libvirt nwfilter: references to other filters (with parameters) and rules. Only what security groups need:
 * accept/drop rules on the protocol elements below, with match attributes such as {@code srcipaddr}.
 *
 * @param uuid     optional; libvirt generates one for a new filter
 * @param chain    filter chain (root for instance filters); null for libvirt's default
 * @param priority chain priority; null for libvirt's default
 */
public record NwFilterSpec(String name, String uuid, String chain, Integer priority, List<Ref> refs, List<Rule> rules) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Set<String> PROTOCOLS = Set.of("all", "tcp", "udp", "icmp", "arp", "mac", "ip");
    private static final Pattern ATTR = Pattern.compile("[a-z]+");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.:$/-]+");

    /** {@code <filterref filter=…>} with its parameters. */
    public record Ref(String filter, Map<String, String> parameters) {
        public Ref {
            Require.matches(filter, NAME, "filter name");
            parameters = Map.copyOf(parameters);
        }
    }

    public enum Action { ACCEPT, DROP, REJECT, RETURN }

    /** in = towards the guest, out = from it, inout = both (libvirt's terms). */
    public enum Direction { IN, OUT, INOUT }

    /**
     * One rule: {@code <rule action direction priority><protocol attr='value'…/></rule>}.
     *
     * @param priority -1000..1000, lower first (libvirt sorts rules of all referenced filters by it)
     * @param match    attributes of the protocol element, in order
     */
    public record Rule(Action action, Direction direction, int priority, String protocol, Map<String, String> match) {
        public Rule {
            Require.present(action, "rule action");
            Require.present(direction, "rule direction");
            if (priority < -1000 || priority > 1000) {
                throw new IllegalArgumentException("rule priority must be -1000..1000: " + priority);
            }
            if (!PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("unsupported rule protocol: " + protocol);
            }
            match.forEach((k, v) -> {
                Require.matches(k, ATTR, "rule attribute");
                Require.matches(v, VALUE, "rule attribute " + k);
            });
            match = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(match));
        }

        public static Rule of(Action action, Direction direction, int priority, String protocol, String... attrs) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i + 1 < attrs.length; i += 2) {
                m.put(attrs[i], attrs[i + 1]);
            }
            return new Rule(action, direction, priority, protocol, m);
        }
    }

    public NwFilterSpec {
        Require.matches(name, NAME, "nwfilter name");
        uuid = uuid == null ? null : Require.uuid(uuid, "nwfilter UUID");
        refs = List.copyOf(refs);
        rules = List.copyOf(rules);
    }

    public NwFilterSpec(String name, List<Ref> refs, List<Rule> rules) {
        this(name, null, null, null, refs, rules);
    }

    /** The same filter with the UUID of the definition it replaces (libvirt refuses a redefinition without it). */
    public NwFilterSpec withUuid(String id) {
        return new NwFilterSpec(name, id, chain, priority, refs, rules);
    }

    /** The filter's XML, as {@code virNWFilterDefineXML} takes it. */
    public String toXml() {
        Element filter = Xml.newRoot("filter");
        Xml.setAttr(filter, "name", name);
        Xml.setAttr(filter, "chain", chain);
        Xml.setAttr(filter, "priority", priority);
        if (uuid != null) {
            Xml.addText(filter, "uuid", uuid);
        }
        for (Ref ref : refs) {
            Element e = Xml.setAttr(Xml.addChild(filter, "filterref"), "filter", ref.filter());
            ref.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(p -> {
                Element param = Xml.setAttr(Xml.addChild(e, "parameter"), "name", p.getKey());
                Xml.setAttr(param, "value", p.getValue());
            });
        }
        for (Rule rule : rules) {
            Element r = Xml.addChild(filter, "rule");
            Xml.setAttr(r, "action", rule.action().name().toLowerCase());
            Xml.setAttr(r, "direction", rule.direction().name().toLowerCase());
            Xml.setAttr(r, "priority", rule.priority());
            Element p = Xml.addChild(r, rule.protocol());
            rule.match().forEach((k, v) -> Xml.setAttr(p, k, v));
        }
        return Xml.toXmlString(filter);
    }

    public static List<Rule> rules(Rule... rules) {
        return new ArrayList<>(List.of(rules));
    }
}
