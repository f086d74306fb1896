/** The peer-support domain and its FHIR mapping: pure Java, no HTTP, no SQL, no threads. */
package org.peerbridge.mapping;
