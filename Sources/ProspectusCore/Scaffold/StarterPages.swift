/// The pages every prospectus needs (college.yml's `required_pages`, and the
/// accessibility statement a public-sector college must publish), with a first
/// draft of each. `init` writes all of them; `new page` starts from one of them
/// when the id matches, so a coordinator never begins with an empty page.
struct StarterPages: Sendable {
    struct Page: Sendable {
        var id: String
        var title: String
        /// The text, given how to reach the college.
        var body: @Sendable (Contact) -> String
    }

    /// How to reach the college, from college.yml's enrolment section.
    struct Contact: Sendable {
        var name: String
        var phone: String?
        var email: String?

        /// "call 01632 960000 or email hello@example.org", or a general line.
        var howToReach: String {
            switch (phone, email) {
            case let (phone?, email?): "call \(phone) or email \(email)"
            case let (phone?, nil): "call \(phone)"
            case let (nil, email?): "email \(email)"
            case (nil, nil): "contact the college"
            }
        }
    }

    static let all: [Page] = [
        Page(id: "what-is-a-recovery-college", title: "What is a recovery college?", body: whatIs),
        Page(id: "how-to-enrol", title: "How to enrol", body: howToEnrol),
        Page(id: "student-agreement", title: "Student agreement", body: studentAgreement),
        Page(id: PageChecks.accessibilityStatement, title: "Accessibility statement", body: accessibilityStatement),
    ]

    static func whatIs(_ c: Contact) -> String {
        """
        \(c.name) offers free courses about mental health, wellbeing and recovery. We are a college, not a clinic. Everyone who comes is a student, and we all learn together.

        ## Learning that you choose

        You choose your own courses. You do not need a referral. Nobody will ask about your history.

        Our courses help you understand your experiences, build on your strengths and do more of what matters to you.

        ## Made with people with lived experience

        Every course is written and taught by a team. At least one trainer has lived experience of mental health challenges, or of caring for someone who has. They work alongside practitioners and people from community groups.

        We call this co-production. Lived experience and professional knowledge are valued equally.

        ## Who can come

        - people who use mental health services
        - family, friends and carers
        - staff from health, social care and partner organisations
        - anyone in the local community who wants to learn

        ## What recovery means here

        Recovery is personal. For many people it means building a good life, with hope, choice and chances to do the things you value.

        """
    }

    static func howToEnrol(_ c: Contact) -> String {
        """
        Enrolling is free and takes about ten minutes. You enrol once a year. Then you can book as many courses as you like.

        ## Ways to enrol

        1. **Online:** use the enrolment form on our website.
        2. **By phone or email:** \(c.howToReach). We will fill in the form with you.
        3. **In person:** come to our welcome desk on a weekday.

        ## What we ask

        - Your name and how to contact you
        - Anything that would help you take part, so we can plan for you

        We keep your details safe, and we never share them without your permission.

        ## Booking a course

        Use the booking details on each course page, or get in touch. If a course is full, ask to join the waiting list.

        """
    }

    static func studentAgreement(_ c: Contact) -> String {
        """
        Our college works best when everyone feels safe, welcome and respected. Students and trainers wrote this agreement together.

        ## What we ask of you

        - Treat everyone with respect
        - Keep what people share in a session private
        - Let others speak, and listen to them
        - Tell us if you cannot come

        ## What you can expect from us

        - A warm welcome and a safe place to learn
        - Trainers who value what every student knows
        - Changes that help you take part
        - Plain words, and time to ask questions

        ## If things go wrong

        If someone does not keep to this agreement, a trainer will talk with them. Most problems are sorted out with a quiet chat. If you have a concern, talk to a trainer, or \(c.howToReach).

        """
    }

    /// After the GOV.UK sample statement, shortened. The college must test its
    /// own site and fill in what it finds: the notes say so on the page.
    static func accessibilityStatement(_ c: Contact) -> String {
        """
        This statement covers the \(c.name) prospectus website. We want as many people as possible to be able to use it.

        ## Using this website

        You should be able to:

        - change colours, contrast and fonts in your browser
        - zoom in up to 400% without text spilling off the screen
        - use the whole website with only a keyboard
        - use the website with a screen reader
        - use every course filter without JavaScript

        ## How accessible this website is

        Write here what you know does not work well yet, and when you plan to fix it.

        ## Getting information in another format

        If you need information in large print, Easy Read, audio or Braille, \(c.howToReach). Tell us what you need, and we will reply within five working days.

        ## Reporting accessibility problems

        If you find a problem that is not listed here, please get in touch in the same way.

        ## Enforcement procedure

        The Equality and Human Rights Commission (EHRC) enforces the accessibility rules for public sector websites. If you are not happy with how we answer a complaint, contact the Equality Advisory and Support Service (EASS).

        ## How we tested this website

        Write here when the website was tested, who tested it and how.

        """
    }
}
