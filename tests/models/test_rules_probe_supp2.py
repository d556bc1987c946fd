"""Support cue families from survey and review-site phrasing (own wording, probe of the rules)."""

from __future__ import annotations

from tests.models.test_rules import GOOD, IMPROVE, OTHER, rule_labels

SUPPORT = {"support:neg", "support:pos"}


def test_not_caring_in_slang_is_support_neg() -> None:
    labels = rule_labels(
        ("my line manager couldnt care less about my mental health", OTHER),
        ("no one gives a toss about the staff here", OTHER),
        ("they dont give a sh*t about the workers", OTHER),
        ("honestly the managers couldn't give two hoots about us", IMPROVE),
        ("they just dont care, simple as", IMPROVE),
        ("asked for help and was told to google it", OTHER),
        ("when customers abuse us management just tell us to deal with it", IMPROVE),
        ("i was told it's not their problem", OTHER),
    )
    for found in labels:
        assert "support:neg" in found
        assert "support:pos" not in found


def test_absent_unapproachable_and_abandoning_managers_are_support_neg() -> None:
    labels = rule_labels(
        ("manager completely ghosted me after I went off sick", OTHER),
        ("reported the injury to my supervisor, he shrugged and walked off", OTHER),
        ("Managers are distant and hard to approach", IMPROVE),
        ("Can't talk to my manager about anything personal", IMPROVE),
        ("managers hide behind emails", IMPROVE),
        ("my manager is MIA most of the week", IMPROVE),
        ("My manager is too busy to help anyone", IMPROVE),
        ("no management cover on weekends so you are on your own", IMPROVE),
        ("I felt completely abandoned by my manager during my pregnancy", OTHER),
        ("Unsupported and burnt out", IMPROVE),
        ("I've been left completely on my own since my supervisor left", IMPROVE),
        ("when i had covid my manager didnt even text to see how i was", OTHER),
        ("wont lift a finger", IMPROVE),
    )
    for found in labels:
        assert "support:neg" in found


def test_no_backing_and_problems_left_alone_are_support_neg() -> None:
    labels = rule_labels(
        ("the store manager hung me out to dry when the complaint came in", OTHER),
        ("managers side with customers every time, never back their staff", IMPROVE),
        ("no backup from the supervisors", IMPROVE),
        ("the head never backs teachers over behaviour", IMPROVE),
        ("Issues raised with management are ignored", IMPROVE),
        ("They ignore problems until someone quits", IMPROVE),
        ("management bury their heads in the sand", IMPROVE),
        ("I put in a grievance six months ago and still havent heard anything", OTHER),
        ("manager ignored my sick notes and kept ringing me", OTHER),
    )
    for found in labels:
        assert "support:neg" in found


def test_people_as_numbers_inflexibility_and_no_development_are_support_neg() -> None:
    labels = rule_labels(
        ("we're just a payroll number to them", IMPROVE),
        ("you're just a cog in the machine to management", IMPROVE),
        ("Managers put targets before people", IMPROVE),
        ("had to beg for time off for my own surgery", OTHER),
        ("managers are completely inflexible with childcare", IMPROVE),
        ("they won't accommodate any requests for different shifts", IMPROVE),
        ("my appraisal has been cancelled four times", IMPROVE),
        ("haven't had a one to one in over a year", IMPROVE),
        ("my manager never gives me any feedback good or bad", IMPROVE),
        ("more coaching and less telling off", IMPROVE),
    )
    for found in labels:
        assert "support:neg" in found


def test_hands_on_caring_and_developing_managers_are_support_pos() -> None:
    labels = rule_labels(
        ("Supervisors are always willing to lend a hand", GOOD),
        ("the manager gets stuck in and helps on the floor when we're busy", GOOD),
        ("Manager is always on hand to help", GOOD),
        ("she's always got time for a chat", GOOD),
        ("you can go to your supervisor with any problem", GOOD),
        ("management were really good when I was off sick", GOOD),
        ("they treat you like family", GOOD),
        ("my manager genuinely looks after her team", GOOD),
        ("I feel valued and supported by my manager", GOOD),
        ("She takes an interest in my career", GOOD),
        ("my manager is my biggest champion", GOOD),
        ("my manager is a great mentor", GOOD),
        ("great coaching from my team leader", GOOD),
        ("Gives great feedback", GOOD),
        ("regular one to ones with my manager which are actually useful", GOOD),
        ("he has taught me so much", GOOD),
        ("my supervisor believes in me and pushes me to develop", GOOD),
        ("manager lets me work around my kids", GOOD),
        ("he genuinely gives a damn about his team", GOOD),
    )
    for found in labels:
        assert "support:pos" in found
        assert "support:neg" not in found


def test_pay_it_customers_colleagues_and_the_job_are_not_support() -> None:
    labels = rule_labels(
        ("I got stuck in traffic on the way in", IMPROVE),
        ("hard to talk to customers on the phone when the line is bad", IMPROVE),
        ("the warehouse is cold in winter", IMPROVE),
        ("I sit in the office all day", OTHER),
        ("unsupported browser on the tills", IMPROVE),
        ("my colleagues always muck in", GOOD),
        ("we had to beg for overtime this year", IMPROVE),
        ("no flexibility in the rota system", IMPROVE),
        ("pay is the main problem", IMPROVE),
        ("we back onto a busy road", OTHER),
        ("great training courses", GOOD),
        ("good feedback from customers", GOOD),
        ("regular breaks", GOOD),
        ("working on your own can be lonely", IMPROVE),
        ("Support staff are underpaid", IMPROVE),
        ("Flexible working scheme is great", GOOD),
        ("the job involves supporting vulnerable adults", OTHER),
        ("car park is always full", IMPROVE),
        ("My manager micromanages everything", IMPROVE),
        ("the software keeps crashing", IMPROVE),
    )
    for found in labels:
        assert not found & SUPPORT
