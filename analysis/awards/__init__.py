"""The award "Les pôles pour l'Europe": categories, an edition's rules, eligibility and the jury
pack.
"""
