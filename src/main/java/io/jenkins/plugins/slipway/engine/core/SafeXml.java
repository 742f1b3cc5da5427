package io.jenkins.plugins.slipway.engine.core;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * StAX factories that cannot be turned against the machine: no DTD is processed, no external entity or DTD is
 * fetched, so XXE and entity expansion ("billion laughs") are impossible; a reference to an entity declared in a
 * DTD is an error. Always the JDK's own implementation, whatever else is on the classpath.
 */
public final class SafeXml {

    private SafeXml() {
    }

    /** A fresh, hardened, non-coalescing input factory: text arrives in bounded chunks. */
    public static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return factory;
    }

    public static XMLOutputFactory outputFactory() {
        return XMLOutputFactory.newDefaultFactory();
    }
}
