import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step, run as a source file ({@code java -cp asm.jar CacheableJars.java LIBDIR}): makes every
 * jar of the launcher's class path storable in the JDK's AOT cache, in place. The cache stores no class
 * older than class-file version 50 (they need the old type-inferring verifier; picocli 4.7.7 and Groovy's
 * repackaged ASM and picocli are built for Java 5) and none from a signed jar (BouncyCastle's), so a JVM
 * loads those from their jars on every start, a signed one after checking its signature. This rewrites
 * old classes to version 69 (Java 25) with their stack map frames computed by ASM, the bytecode otherwise
 * unchanged, and removes jar signatures (META-INF signature files and the manifest's per-entry digests;
 * wirelab registers no JCA provider, the only use the JDK makes of them). A jar with neither is left
 * untouched, so a second run changes nothing and keeps the jars' times, which the AOT cache checks.
 */
public final class CacheableJars {
    private static final int FIRST_VERSION_WITH_FRAMES = 50;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp asm.jar CacheableJars.java LIBDIR");
            System.exit(2);
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) urls.add(jar.toUri().toURL());
        // frames need common superclasses of the types merged at branch targets, which the class path answers
        try (URLClassLoader classPath = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            for (Path jar : jars) {
                String changed = rewrite(jar, classPath);
                if (!changed.isEmpty()) System.out.println("CacheableJars: " + jar.getFileName() + ": " + changed);
            }
        }
    }

    /** Rewrites the jar when it needs it; returns what changed, empty when nothing. */
    static String rewrite(Path jar, ClassLoader classPath) throws IOException {
        int upgraded = 0;
        int signatureFiles = 0;
        Path temp = jar.resolveSibling(jar.getFileName() + ".rewriting");
        try (JarFile in = new JarFile(jar.toFile(), false);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(temp))) {
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (isSignatureFile(entry.getName())) {
                    signatureFiles++;
                    continue;
                }
                byte[] bytes;
                try (InputStream stream = in.getInputStream(entry)) { bytes = stream.readAllBytes(); }
                if (entry.getName().equals(JarFile.MANIFEST_NAME)) bytes = withoutDigests(bytes);
                else if (entry.getName().endsWith(".class") && majorVersion(bytes) < FIRST_VERSION_WITH_FRAMES) {
                    bytes = upgrade(bytes, classPath);
                    upgraded++;
                }
                JarEntry copy = new JarEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        if (upgraded == 0 && signatureFiles == 0) {
            Files.delete(temp);
            return "";
        }
        Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return (upgraded > 0 ? upgraded + " classes to version " + Opcodes.V25 : "")
                + (upgraded > 0 && signatureFiles > 0 ? ", " : "")
                + (signatureFiles > 0 ? "signature removed" : "");
    }

    /** META-INF/*.SF, *.RSA, *.DSA, *.EC and SIG-* (the JAR File Specification's signature files). */
    private static boolean isSignatureFile(String name) {
        if (!name.startsWith("META-INF/") || name.indexOf('/', "META-INF/".length()) >= 0) return false;
        String file = name.substring("META-INF/".length());
        return file.startsWith("SIG-") || file.endsWith(".SF") || file.endsWith(".RSA") || file.endsWith(".DSA") || file.endsWith(".EC");
    }

    private static byte[] withoutDigests(byte[] manifestBytes) throws IOException {
        Manifest manifest = new Manifest(new java.io.ByteArrayInputStream(manifestBytes));
        boolean digests = false;
        for (var it = manifest.getEntries().entrySet().iterator(); it.hasNext(); ) {
            Attributes attributes = it.next().getValue();
            digests |= attributes.keySet().removeIf(key -> key.toString().endsWith("-Digest"));
            if (attributes.isEmpty()) it.remove();
        }
        if (!digests) return manifestBytes;
        var out = new java.io.ByteArrayOutputStream();
        manifest.write(out);
        return out.toByteArray();
    }

    private static int majorVersion(byte[] classFile) {
        return (classFile[6] & 0xff) << 8 | classFile[7] & 0xff;
    }

    private static byte[] upgrade(byte[] classFile, ClassLoader classPath) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override protected ClassLoader getClassLoader() { return classPath; }
        };
        ClassVisitor toCurrentVersion = new ClassVisitor(Opcodes.ASM9, writer) {
            @Override public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V25, access, name, signature, superName, interfaces);
            }
        };
        new ClassReader(classFile).accept(toCurrentVersion, 0);
        return writer.toByteArray();
    }
}
