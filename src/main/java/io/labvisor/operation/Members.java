package io.labvisor.operation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The members of request and response records, with their names for each door read from {@link Param} and
 * {@link Field}. The renderers and binders of both doors go through here, so a name is written down once.
 */
public final class Members {
    private static final ClassValue<List<RequestMember>> REQUESTS = new ClassValue<>() {
        @Override
        protected List<RequestMember> computeValue(Class<?> type) {
            List<RequestMember> out = new ArrayList<>();
            for (RecordComponent c : components(type)) {
                Param p = c.getAnnotation(Param.class);
                String member = memberName(c.getName());
                String query = p == null || p.query().isEmpty() ? member : p.query();
                out.add(new RequestMember(c, member, query, kebab(member), p != null && p.required(),
                        p != null && p.queryOnly(), p != null && p.base64()));
            }
            return List.copyOf(out);
        }
    };

    private static final ClassValue<List<ResponseMember>> RESPONSES = new ClassValue<>() {
        @Override
        protected List<ResponseMember> computeValue(Class<?> type) {
            List<ResponseMember> out = new ArrayList<>();
            for (RecordComponent c : components(type)) {
                Field f = c.getAnnotation(Field.class);
                String json = f == null || f.json().isEmpty() ? memberName(c.getName()) : f.json();
                String xml = f == null || f.xml().isEmpty() ? c.getName() : f.xml();
                out.add(new ResponseMember(c, json, xml, f != null && f.omitEmpty(), f != null && f.xmlOnly(),
                        f != null && f.base64()));
            }
            return List.copyOf(out);
        }
    };

    private Members() {
    }

    /** A request member: its EC2 member name, Query parameter and command-line option. */
    public record RequestMember(RecordComponent component, String member, String query, String cliOption,
                                boolean required, boolean queryOnly, boolean base64) {
    }

    /** A response member: its JSON and XML names and how it is written. */
    public record ResponseMember(RecordComponent component, String json, String xml, boolean omitEmpty,
                                 boolean xmlOnly, boolean base64) {
        /** The member's value in {@code response}, or empty when it is left out (null, empty Optional, omitEmpty). */
        public Optional<Object> valueIn(Record response) {
            Object value;
            try {
                value = component.getAccessor().invoke(response);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
            if (value instanceof Optional<?> o) {
                value = o.orElse(null);
            }
            if (value == null || omitEmpty && value instanceof Collection<?> list && list.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(value);
        }
    }

    public static List<RequestMember> request(Class<? extends Record> type) {
        return REQUESTS.get(type);
    }

    public static List<ResponseMember> response(Class<? extends Record> type) {
        return RESPONSES.get(type);
    }

    /** The AWS CLI's option for a member: {@code VolumeIds} is {@code --volume-ids}. */
    public static String kebab(String member) {
        StringBuilder out = new StringBuilder("--");
        for (int i = 0; i < member.length(); i++) {
            char c = member.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(member.charAt(i - 1))) {
                out.append('-');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    static String memberName(String component) {
        return Character.toUpperCase(component.charAt(0)) + component.substring(1);
    }

    private static RecordComponent[] components(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type + " is not a record");
        }
        RecordComponent[] components = type.getRecordComponents();
        for (RecordComponent c : components) {
            c.getAccessor().setAccessible(true);
        }
        return components;
    }
}
