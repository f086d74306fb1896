package org.peerbridge.server.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r5.model.Extension;
import org.hl7.fhir.r5.model.PrimitiveType;
import org.hl7.fhir.r5.model.StructureDefinition;

/**
 * R5 StructureDefinitions as Java-serialized objects: reading them back takes about half the CPU of parsing them from
 * JSON. Java serialization alone would lose part of them: the model's primitives are Externalizable and write their
 * value only (a coded one its enum factory too), so a primitive with an id or extensions travels as a
 * {@link Primitive}. What is read comes from the server's own jar, written by the build with the same R5 model
 * classes, and the reading accepts nothing but those classes and the JDK types they are made of.
 */
final class SerializedStructures {

    private static final ObjectInputFilter ONLY_THE_R5_MODEL = ObjectInputFilter.Config.createFilter(
            "org.hl7.fhir.r5.model.**;" + Primitive.class.getName() + ";java.lang.*;java.util.*;java.math.*;!*");

    private SerializedStructures() {
    }

    static void write(OutputStream file, List<StructureDefinition> structures) throws IOException {
        try (ObjectOutputStream out = new PrimitivesReplaced(file)) {
            out.writeObject(new ArrayList<>(structures));
        }
    }

    /** @param name the file's name, for the message when it does not read back */
    @SuppressWarnings("unchecked")
    static List<StructureDefinition> read(byte[] file, String name) {
        try (ObjectInputStream in = new PrimitivesRestored(new ByteArrayInputStream(file))) {
            in.setObjectInputFilter(ONLY_THE_R5_MODEL);
            return (List<StructureDefinition>) in.readObject();
        } catch (InvalidClassException | ClassNotFoundException e) {
            throw new IllegalStateException("The build wrote " + name + " with other classes than this server's: rebuild it", e);
        } catch (IOException e) {
            throw new IllegalStateException("The build wrote " + name + ": it does not read back", e);
        }
    }

    /** A primitive with an id or extensions: its value, as the model writes it, and the rest beside it. */
    private record Primitive(PrimitiveType<?> value, String id, ArrayList<Extension> extensions) implements Serializable {

        static boolean needed(Object object) {
            return object instanceof PrimitiveType<?> primitive && (primitive.hasId() || primitive.hasExtension());
        }

        static Primitive of(PrimitiveType<?> primitive) {
            PrimitiveType<?> value = (PrimitiveType<?>) primitive.copy();
            value.setId(null);
            value.getExtension().clear();
            return new Primitive(value, primitive.getId(), new ArrayList<>(primitive.getExtension()));
        }

        PrimitiveType<?> restore() {
            value.setId(id);
            extensions.forEach(value::addExtension);
            return value;
        }
    }

    private static final class PrimitivesReplaced extends ObjectOutputStream {

        PrimitivesReplaced(OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object object) {
            return Primitive.needed(object) ? Primitive.of((PrimitiveType<?>) object) : object;
        }
    }

    private static final class PrimitivesRestored extends ObjectInputStream {

        PrimitivesRestored(InputStream in) throws IOException {
            super(in);
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object object) {
            return object instanceof Primitive primitive ? primitive.restore() : object;
        }
    }
}
