package io.effortmap.survey.respondent.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every sentence of the respondent's page in English; other languages in {@code messages/msg_<lang>.properties}
 * (the build fails when one of them misses a key). Question texts are the survey's own.
 */
@MessageBundle(value = "msg", locale = "en")
public interface PageMessages {

    @Message("Your feedback for {company}")
    String title(String company);

    @Message("It takes less than a minute. Thank you for helping us improve.")
    String intro();

    @Message("required")
    String required();

    @Message("optional")
    String optional();

    @Message("Anything else you would like to tell us?")
    String commentLabel();

    @Message("Send")
    String submit();

    @Message("Please correct the answers marked below.")
    String errorSummary();

    @Message("Please choose an answer.")
    String chooseAnswer();

    @Message("Please write at most {max} characters.")
    String tooLong(int max);

    @Message("Please write an answer.")
    String writeAnswer();

    @Message("Strongly disagree")
    String agreementLow();

    @Message("Strongly agree")
    String agreementHigh();

    @Message("Very easy")
    String effortLow();

    @Message("Very difficult")
    String effortHigh();

    @Message("Very dissatisfied")
    String satisfactionLow();

    @Message("Very satisfied")
    String satisfactionHigh();

    @Message("Not at all likely")
    String likelihoodLow();

    @Message("Extremely likely")
    String likelihoodHigh();

    // Default question texts (QuestionSpec's English wording), shown in the page's language when a survey kept them.

    @Message("{company} made it easy for me to handle my issue.")
    String cesAgreementText(String company);

    @Message("The company made it easy for me to handle my issue.")
    String cesAgreementTextAnonymous();

    @Message("How much effort did you personally have to put forth to handle your request?")
    String cesEffortText();

    @Message("How satisfied were you with {company}?")
    String csatText(String company);

    @Message("How satisfied were you with the company?")
    String csatTextAnonymous();

    @Message("How likely is it that you would recommend {company} to a friend or colleague?")
    String npsText(String company);

    @Message("How likely is it that you would recommend the company to a friend or colleague?")
    String npsTextAnonymous();

    @Message("Is there anything else you would like to tell us?")
    String commentText();

    @Message("Thank you!")
    String thanksTitle();

    @Message("Your answers have been recorded.")
    String thanksText();

    @Message("Already answered")
    String answeredTitle();

    @Message("This survey has already been answered with this link. Thank you!")
    String answeredText();

    @Message("This link has expired")
    String expiredTitle();

    @Message("The time to answer this survey is over.")
    String expiredText();

    @Message("Survey closed")
    String closedTitle();

    @Message("This survey is no longer taking answers.")
    String closedText();

    @Message("Survey not open yet")
    String notOpenTitle();

    @Message("This survey is not taking answers yet. Please try again later.")
    String notOpenText();

    @Message("Survey not found")
    String unknownTitle();

    @Message("There is no survey at this address. Please check the link you received.")
    String unknownText();

    @Message("Please try again shortly")
    String unavailableTitle();

    @Message("We could not load or save the survey just now. Please try again in a few minutes.")
    String unavailableText();

    @Message("Your answers could not be saved")
    String rejectedTitle();

    @Message("Please go back, check your answers and send them again.")
    String rejectedText();
}
