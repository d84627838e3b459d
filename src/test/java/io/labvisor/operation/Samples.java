package io.labvisor.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.catalog.InstanceTypeCatalog;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A response record with every member filled, each with its own value (so two members swapped would show), lists
 * with two items: what a shape test renders when it has no services to ask.
 */
final class Samples {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.250Z");
    private int counter;

    static <R extends Record> R of(Class<R> type) {
        return type.cast(new Samples().record(type, type.getSimpleName()));
    }

    private Object record(Class<?> type, String path) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getGenericType(), path + "." + components[i].getName());
        }
        try {
            var constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object value(Type type, String path) {
        counter++;
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            List<Object> list = new ArrayList<>();
            list.add(value(p.getActualTypeArguments()[0], path + "[0]"));
            list.add(value(p.getActualTypeArguments()[0], path + "[1]"));
            return list;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return path + " <&>";
        } else if (c == int.class || c == Integer.class) {
            return counter;
        } else if (c == long.class || c == Long.class) {
            return 1_000_000_000_000L + counter;
        } else if (c == boolean.class || c == Boolean.class) {
            return counter % 2 == 0;
        } else if (c == Instant.class) {
            return T0.plusMillis(counter);
        } else if (c == JsonNode.class) {
            var types = InstanceTypeCatalog.builtIn().describe(List.of(), List.of());
            return types.get(counter % types.size()).raw();
        } else if (c.isRecord()) {
            return record(c, path);
        }
        throw new IllegalArgumentException("no sample for " + type + " at " + path);
    }
}
