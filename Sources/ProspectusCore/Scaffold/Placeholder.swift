/// Starting text for new files. It is published as written until someone
/// changes it, so it is written the way the college would write: plain words,
/// short sentences, about learning and recovery, never about illness. The
/// language and readability checks pass it without a single finding.
///
/// People in it are obviously made up ("Alex Example"), and phone numbers come
/// from Ofcom's ranges kept for drama (01632 960xxx, 07700 900xxx).
enum Placeholder {
    static let courseSummary =
        "Write one or two short sentences here. Say what the course is about and who it suits."

    static let outcomes = [
        "Describe what this topic means to you",
        "Name one idea you would like to try in your own life",
    ]

    static let accessibilityNotes =
        "Tell us about anything that would help you take part when you enrol. We will plan it with you."

    static let designGroup = "Student forum"

    static let courseBody = """
        Write here what the course covers, what to expect and who it suits. Keep sentences short.

        ## What we will cover

        - The first thing we will learn about
        - The second thing we will learn about
        - Ideas you can try between sessions

        ## What to expect

        Each session has a break in the middle. We learn through short talks and small-group chats. You never have to share anything you do not want to.

        ## Who it suits

        Anyone who wants to learn about this topic is welcome. You do not need a referral.

        """

    static let trainerName = "Alex Example"

    static let trainerBio = """
        Write a few lines here about this trainer, with them and in their words. What do they bring to the college, and what do they enjoy teaching?

        This text is published only if they agree to a page of their own (`consent: profile`).

        """

    static let partnerBody = """
        Write here what this organisation does, in a few short sentences.

        ## How we work together

        - Say which courses they design, deliver or host with us
        - Say how students can join their groups after a course

        ## Find out more

        Add a link to their website, and say who to contact.

        """

    static let venueBody = """
        Say here how to get to this place, and what it is like inside.

        ## Getting here

        - **By bus:** which routes stop nearby
        - **By car:** where to park, and where the blue badge spaces are

        ## Inside the building

        Say where the teaching rooms, toilets and quiet space are. Say where to find tea and water.

        """

    static let howToJoin = "We email you a joining link two days before each session. You do not need an account."

    static let techHelp = "Call us and ask for help with the technology. We can do a practice call with you first."

    static let onlineVenueBody = """
        Say here what learning in this online room is like.

        ## What to expect

        - A trainer opens the room ten minutes early, so you can settle in
        - You can keep your camera off and use the chat if you prefer
        - Sessions have a break at least every hour

        """

    static let pageBody = """
        Write this page here. Keep sentences short, and use headings to break up the text.

        ## A heading

        Some text under the heading.

        """
}
