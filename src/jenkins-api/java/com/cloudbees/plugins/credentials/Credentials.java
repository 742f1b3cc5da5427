package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import java.io.Serializable;

/** Declared without its Describable side: Slipway only reads credentials, it never implements them. */
public interface Credentials extends Serializable, ExtensionPoint {
}
