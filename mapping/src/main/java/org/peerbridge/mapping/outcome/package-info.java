/**
 * Outcome questionnaires: the catalogue of PHQ-9, PHQ-2, GAD-7, UCLA-3 and WHO-5, checking a
 * QuestionnaireResponse against its Questionnaire, scoring, the self-harm safety signal, assessment
 * time points and the score Observation. Pure functions over HAPI R4 structures; no I/O beyond reading
 * the bundled Questionnaire files. See docs/outcomes.md.
 */
package org.peerbridge.mapping.outcome;
