package io.wirelab.scripting.engine;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Delegates to the application's class loader but hides the service file that lists global AST
 * transforms, so that no jar on the class path can run code while a sandboxed script compiles.
 */
final class NoGlobalTransformsLoader extends ClassLoader {
    private static final String GLOBAL_TRANSFORMS = "META-INF/services/org.codehaus.groovy.transform.ASTTransformation";

    NoGlobalTransformsLoader(ClassLoader parent) { super(parent); }

    @Override public Enumeration<URL> getResources(String name) throws IOException {
        return name.equals(GLOBAL_TRANSFORMS) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    @Override public URL getResource(String name) {
        return name.equals(GLOBAL_TRANSFORMS) ? null : super.getResource(name);
    }
}
