"""Survey-tool profiles: what Google Forms, LimeSurvey and the others add around answers."""
