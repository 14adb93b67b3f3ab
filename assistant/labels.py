"""Topic and mood labels of the contract (CONTRACT.md §1)."""
from __future__ import annotations

TOPICS: tuple[str, ...] = (
    "order_payment",
    "delivery",
    "return_exchange",
    "refund",
    "promo_bonus",
    "product_question",
    "defect_wrong_item",
    "courier_pickup",
    "technical_issue",
    "account",
    "contact_support",
    "other",
)

MOODS: tuple[str, ...] = ("negative", "neutral", "positive")

TOPIC_TITLES: dict[str, str] = {
    "order_payment": "Заказ и оплата",
    "delivery": "Доставка",
    "return_exchange": "Возврат и обмен",
    "refund": "Возврат денег",
    "promo_bonus": "Промокоды и бонусы",
    "product_question": "Вопрос о товаре",
    "defect_wrong_item": "Брак или не тот товар",
    "courier_pickup": "Курьер и пункт выдачи",
    "technical_issue": "Сбой сайта или приложения",
    "account": "Личный кабинет",
    "contact_support": "Связь с поддержкой",
    "other": "Другое",
}

MOOD_TITLES: dict[str, str] = {
    "negative": "негатив",
    "neutral": "нейтрально",
    "positive": "позитив",
}
