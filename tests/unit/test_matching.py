"""Whole-pool matching (domain/matching.py): the assignment with the greatest total fit under the capacity rule
(3.7), better than picking the best pair first where that first pick blocks a better whole."""

from domain.matching import MenteeProfile, MentorProfile, assign, greedy, score, total


def mentor(person_id: int, name: str, subjects: str, competencies: set[str], *, capacity: int = 1, load: int = 0,
           trained: bool = False) -> MentorProfile:  # fmt: skip
    return MentorProfile(person_id, name, subjects, frozenset(competencies), frozenset(), trained, capacity, load)


def mentee(person_id: int, subjects: str, needs: set[str]) -> MenteeProfile:
    return MenteeProfile(person_id, subjects, frozenset(needs), frozenset(), None, f"Наставляемый {person_id}")


MATHS = mentor(1, "Аристова Анна Андреевна", "Математика", {"methods", "digital", "planning", "upbringing"})
PHYSICS = mentor(2, "Быков Борис Борисович", "Физика", {"methods", "digital"}, trained=True)
X = mentee(11, "Математика", {"methods", "digital"})
Y = mentee(12, "Математика", {"planning", "upbringing"})


def test_the_pool_assignment_beats_greedy_where_the_best_first_pick_is_wrong() -> None:
    assert (score(X, MATHS).score, score(X, PHYSICS).score) == (30, 26)
    assert (score(Y, MATHS).score, score(Y, PHYSICS).score) == (30, 6)
    first = greedy([X, Y], [MATHS, PHYSICS])  # X takes the maths teacher; Y is left with physics
    assert {(a.mentee.person_id, a.mentor.person_id) for a in first} == {(11, 1), (12, 2)} and total(first) == 36
    best = assign([X, Y], [MATHS, PHYSICS])
    assert {(a.mentee.person_id, a.mentor.person_id) for a in best} == {(11, 2), (12, 1)} and total(best) == 56
    assert all(a.suggestion.reasons for a in best)  # each pair keeps its reasons for the curator


def test_capacity_counts_places_not_people_and_nobody_is_their_own_mentor() -> None:
    roomy = mentor(3, "Волкова Вера Викторовна", "Математика", {"methods"}, capacity=3, load=1)  # two places
    full = mentor(4, "Гусев Глеб Геннадьевич", "Математика", {"methods"}, capacity=2, load=2)
    both = mentee(3, "Математика", {"methods"})  # a mentor who also waits for a mentor of her own
    others = [mentee(20 + i, "Математика", {"methods"}) for i in range(3)]
    chosen = assign([both, *others], [roomy, full])
    assert len(chosen) == 2 and all(a.mentor.person_id == 3 for a in chosen)  # 3.7: only the free places
    assert all(a.mentee.person_id != a.mentor.person_id for a in chosen)
    assert assign([], [roomy]) == [] and assign(others, [full]) == []
