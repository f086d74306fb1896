/**
 * The program directory: what the peer support program offers (HealthcareService, with its delivery modes
 * and whether it takes new referrals) and who delivers it (peer supporters as PractitionerRoles coded
 * NUCC 175T00000X Peer Specialist). Codes and pure rules; see docs/sessions.md, "The program directory".
 */
package org.peerbridge.mapping.directory;
